#pragma once

#include <QWidget>

class QLabel;

namespace inception::ui {

// Picks the data to train on: CIFAR-10 downloaded or opened (folder or tarball), an image
// folder, IDX files, the installed Fashion-MNIST, or the synthetic demo set.
// Used on the Data page and in the first-start dialog.
class DataSourceChooser : public QWidget {
    Q_OBJECT

public:
    explicit DataSourceChooser(QWidget* parent = nullptr);

    QString source() const { return source_; }
    // Shows `source` and why it cannot be used, if it cannot.
    void setSource(const QString& source);

signals:
    // A usable source was picked.
    void sourceChosen(const QString& source);

private:
    void choose(const QString& source);
    void downloadCifar10();

    QString source_;
    QLabel* current_;
    QLabel* problem_;
};

} // namespace inception::ui
