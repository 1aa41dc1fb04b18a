#pragma once

#include <QWidget>

namespace inception::ui {

class DataSourceChooser;

// The data the next run trains and tests on.
class DataPage : public QWidget {
    Q_OBJECT

public:
    explicit DataPage(QWidget* parent = nullptr);
    DataSourceChooser* chooser() const { return chooser_; }

private:
    DataSourceChooser* chooser_;
};

} // namespace inception::ui
