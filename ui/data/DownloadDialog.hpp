#pragma once

#include <QByteArray>
#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QProgressBar;

namespace inception::ui {

class CifarDownload;

// Downloads and unpacks CIFAR-10 with the bytes, the speed and a Cancel button in view. Accepted
// with dataSource() set when the data set is ready; a failure stays on screen until closed.
class DownloadDialog : public QDialog {
    Q_OBJECT

public:
    DownloadDialog(const QUrl& url, const QByteArray& md5Hex, const QString& folder,
                   QWidget* parent = nullptr);

    // Starts the download; the dialog shows how it goes.
    void start();
    QString dataSource() const { return dataSource_; }
    QString problem() const { return problem_; }
    CifarDownload* download() const { return download_; }

    void reject() override;

private:
    void showProgress(qint64 received, qint64 total, double bytesPerSecond);
    void showProblem(const QString& message);

    CifarDownload* download_;
    QUrl url_;
    QByteArray md5_;
    QString folder_;
    QLabel* status_;
    QLabel* detail_;
    QProgressBar* bar_;
    QDialogButtonBox* buttons_;
    QString dataSource_;
    QString problem_;
};

} // namespace inception::ui
