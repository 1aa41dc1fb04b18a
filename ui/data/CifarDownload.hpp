#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QUrl>

#include <memory>

class QCryptographicHash;
class QNetworkAccessManager;
class QNetworkReply;

namespace inception::ui {

// The official release, as torchvision downloads it, and its published MD5.
QUrl cifar10Url();
QByteArray cifar10Md5();

// The folder downloaded data sets go to: <AppDataLocation>/datasets.
QString datasetsFolder();

// Downloads CIFAR-10's binary tarball over HTTP(S), checks its MD5 while the bytes arrive,
// unpacks it (on the thread pool) into `folder`/cifar-10-batches-bin and removes the tarball.
// Every end is one signal: finished, failed (a one-line message naming the URL or file) or
// cancelled; none leaves a partial file or folder behind.
class CifarDownload : public QObject {
    Q_OBJECT

public:
    explicit CifarDownload(QObject* parent = nullptr);
    ~CifarDownload() override;

    void start(const QUrl& url, const QByteArray& md5Hex, const QString& folder);
    void cancel();
    bool isRunning() const { return running_; }

signals:
    // bytesTotal is -1 while the server has not said.
    void progress(qint64 bytesReceived, qint64 bytesTotal, double bytesPerSecond);
    void unpacking();
    void finished(const QString& dataSource);
    void failed(const QString& message);
    void cancelled();

private:
    void receive();
    // Adds arriving bytes to the file and the checksum; false (and failed) when the disk refuses.
    bool append(const QByteArray& bytes);
    void transferEnded();
    void unpack();
    void fail(const QString& message);
    void discardPartialFile();

    QNetworkAccessManager* network_;
    QNetworkReply* reply_ = nullptr;
    std::unique_ptr<QCryptographicHash> md5_;
    QFile partial_;
    QUrl url_;
    QByteArray expectedMd5_;
    QString folder_;
    QElapsedTimer clock_;
    bool running_ = false;
    bool cancelling_ = false;
};

} // namespace inception::ui
