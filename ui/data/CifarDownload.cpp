#include "ui/data/CifarDownload.hpp"

#include "ui/data/DataSource.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/Cifar10Archive.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace inception::ui {

QUrl cifar10Url() {
    return QUrl(QStringLiteral("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"));
}

QByteArray cifar10Md5() {
    return QByteArrayLiteral("c32a1d4ab5d03f1284b67883e8d87530");
}

QString datasetsFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/datasets");
}

CifarDownload::CifarDownload(QObject* parent)
    : QObject(parent), network_(new QNetworkAccessManager(this)) {}

CifarDownload::~CifarDownload() {
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
    }
    discardPartialFile();
}

void CifarDownload::start(const QUrl& url, const QByteArray& md5Hex, const QString& folder) {
    if (running_)
        return;
    url_ = url;
    expectedMd5_ = md5Hex.toLower();
    folder_ = folder;
    cancelling_ = false;
    if (!QDir().mkpath(folder)) {
        emit failed(tr("%1: the folder cannot be made").arg(folder));
        return;
    }
    partial_.setFileName(QDir(folder).filePath(url.fileName() + QStringLiteral(".part")));
    if (!partial_.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        emit failed(
            tr("%1: cannot be written: %2").arg(partial_.fileName(), partial_.errorString()));
        return;
    }
    md5_ = std::make_unique<QCryptographicHash>(QCryptographicHash::Md5);
    running_ = true;
    clock_.start();
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::readyRead, this, &CifarDownload::receive);
    connect(reply_, &QNetworkReply::downloadProgress, this, [this](qint64 got, qint64 total) {
        const double seconds = std::max(1e-3, static_cast<double>(clock_.elapsed()) / 1000.0);
        emit progress(got, total, static_cast<double>(got) / seconds);
    });
    connect(reply_, &QNetworkReply::finished, this, &CifarDownload::transferEnded);
}

void CifarDownload::cancel() {
    if (!running_)
        return;
    cancelling_ = true;
    if (reply_)
        reply_->abort(); // finished() follows, with OperationCanceledError
}

void CifarDownload::receive() {
    if (append(reply_->readAll()))
        return;
    reply_->disconnect(this);
    reply_->abort();
    reply_->deleteLater();
    reply_ = nullptr;
}

bool CifarDownload::append(const QByteArray& bytes) {
    md5_->addData(bytes);
    if (partial_.write(bytes) == bytes.size())
        return true;
    fail(tr("%1: cannot be written: %2").arg(partial_.fileName(), partial_.errorString()));
    return false;
}

void CifarDownload::transferEnded() {
    QNetworkReply* reply = reply_;
    reply_ = nullptr;
    reply->deleteLater();
    if (cancelling_) {
        discardPartialFile();
        running_ = false;
        emit cancelled();
        return;
    }
    if (reply->bytesAvailable() > 0 && !append(reply->readAll()))
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 declared = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    const bool cutShort = declared > 0 && partial_.size() != declared;
    if (status >= 400) {
        fail(tr("%1: the server answered HTTP %2 %3")
                 .arg(url_.toString())
                 .arg(status)
                 .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()));
        return;
    }
    if (cutShort) {
        fail(tr("%1: the transfer broke off after %2 of %3 bytes (%4)")
                 .arg(url_.toString())
                 .arg(partial_.size())
                 .arg(declared)
                 .arg(reply->error() != QNetworkReply::NoError ? reply->errorString()
                                                               : tr("the server closed early")));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        fail(tr("%1: %2").arg(url_.toString(), reply->errorString()));
        return;
    }
    const QByteArray md5 = md5_->result().toHex();
    if (md5 != expectedMd5_) {
        fail(
            tr("%1: the download's MD5 is %2, not the published %3: the file is damaged")
                .arg(url_.toString(), QString::fromLatin1(md5), QString::fromLatin1(expectedMd5_)));
        return;
    }
    unpack();
}

void CifarDownload::unpack() {
    partial_.close();
    emit unpacking();
    const std::string tarball = partial_.fileName().toStdString();
    const std::string folder = folder_.toStdString();
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QString result = watcher->result();
        discardPartialFile();
        running_ = false;
        if (result.startsWith(QLatin1Char('\n')))
            emit failed(result.mid(1));
        else
            emit finished(cifar10Source(result));
    });
    // The result is the unpacked folder, or a newline and the error's message.
    watcher->setFuture(QtConcurrent::run([tarball, folder]() -> QString {
        try {
            return QString::fromStdString(extractCifar10(tarball, folder));
        } catch (const InputError& e) {
            return QLatin1Char('\n') + QString::fromStdString(e.oneLine());
        } catch (const std::exception& e) {
            return QLatin1Char('\n') + QString::fromStdString(e.what());
        }
    }));
}

void CifarDownload::fail(const QString& message) {
    discardPartialFile();
    running_ = false;
    emit failed(message);
}

void CifarDownload::discardPartialFile() {
    if (partial_.fileName().isEmpty())
        return;
    partial_.close();
    QFile::remove(partial_.fileName());
}

} // namespace inception::ui
