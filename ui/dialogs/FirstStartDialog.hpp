#pragma once

#include <QDialog>

namespace inception::ui {

class DataSourceChooser;

// Shown at start when no CIFAR-10 is configured or found: pick a folder or tarball, or use
// the synthetic demo set, so that the app works on a fresh machine.
class FirstStartDialog : public QDialog {
    Q_OBJECT

public:
    explicit FirstStartDialog(QWidget* parent = nullptr);
    QString source() const { return source_; }
    DataSourceChooser* chooser() const { return chooser_; }

private:
    DataSourceChooser* chooser_;
    QString source_;
};

} // namespace inception::ui
