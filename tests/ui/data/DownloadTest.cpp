// The CIFAR-10 download against a server on 127.0.0.1 that the test runs: a good tarball, a
// wrong checksum, a transfer cut short, a 404 and a cancel. Each ends with one signal, a clear
// message, and nothing half-written in the data folder.
#include "ui/data/CifarDownload.hpp"
#include "ui/data/DownloadDialog.hpp"

#include "tests/support/LoopbackHttpServer.hpp"
#include "tests/support/TestSupport.hpp"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace inception {

using test::LoopbackHttpServer;

class DownloadTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // A small release: three records a batch, packed as the official tarball.
        const test::TemporaryFolder source;
        const auto folder = test::writeCifarFolder(source.path(), 3);
        test::writeCifarTarball(folder, source / "cifar.tar.gz");
        QFile file(QString::fromStdString((source / "cifar.tar.gz").string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        tarball_ = file.readAll();
        md5_ = QCryptographicHash::hash(tarball_, QCryptographicHash::Md5).toHex();
        server_.serve(QStringLiteral("/cifar-10-binary.tar.gz"), {200, tarball_});
        server_.serve(QStringLiteral("/short/cifar-10-binary.tar.gz"),
                      {200, tarball_.left(tarball_.size() / 2), tarball_.size()});
        server_.serve(QStringLiteral("/slow/cifar-10-binary.tar.gz"), {200, tarball_, -1, 64, 40});
    }

    void downloadsChecksAndUnpacks() {
        QTemporaryDir data;
        ui::CifarDownload download;
        QSignalSpy finished(&download, &ui::CifarDownload::finished);
        QSignalSpy progress(&download, &ui::CifarDownload::progress);
        download.start(server_.url(QStringLiteral("/cifar-10-binary.tar.gz")), md5_, data.path());
        QVERIFY(finished.wait(10000));
        const QString source = finished.first().first().toString();
        QCOMPARE(source, QStringLiteral("cifar10:") + data.filePath("cifar-10-batches-bin"));
        QVERIFY(QFile::exists(data.filePath("cifar-10-batches-bin/data_batch_5.bin")));
        QCOMPARE(
            QDir(data.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList{QStringLiteral("cifar-10-batches-bin")});
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), qint64(tarball_.size()));
    }

    void failuresSayWhatAndLeaveNothing_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("md5");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong checksum") << QStringLiteral("/cifar-10-binary.tar.gz")
                                        << QByteArray("00000000000000000000000000000000")
                                        << QStringLiteral("not the published 0000");
        QTest::newRow("cut short") << QStringLiteral("/short/cifar-10-binary.tar.gz") << md5_
                                   << QStringLiteral("the transfer broke off after ");
        QTest::newRow("404") << QStringLiteral("/missing/cifar-10-binary.tar.gz") << md5_
                             << QStringLiteral("HTTP 404 Not Found");
    }

    void failuresSayWhatAndLeaveNothing() {
        QFETCH(QString, path);
        QFETCH(QByteArray, md5);
        QFETCH(QString, expected);
        QTemporaryDir data;
        ui::CifarDownload download;
        QSignalSpy failed(&download, &ui::CifarDownload::failed);
        QSignalSpy finished(&download, &ui::CifarDownload::finished);
        const QUrl url = server_.url(path);
        download.start(url, md5, data.path());
        QVERIFY(failed.wait(10000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.startsWith(url.toString()), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        QVERIFY(finished.isEmpty());
        QVERIFY(QDir(data.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
        QVERIFY(!download.isRunning());
    }

    void cancelStopsAndLeavesNothing() {
        QTemporaryDir data;
        ui::DownloadDialog dialog(server_.url(QStringLiteral("/slow/cifar-10-binary.tar.gz")), md5_,
                                  data.path());
        dialog.show();
        QSignalSpy progress(dialog.download(), &ui::CifarDownload::progress);
        QSignalSpy cancelled(dialog.download(), &ui::CifarDownload::cancelled);
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 10000);
        const QString detail = dialog.findChild<QLabel*>(QStringLiteral("downloadDetail"))->text();
        QVERIFY2(detail.contains(QStringLiteral(" of ")) && detail.contains(QStringLiteral("/s")),
                 qPrintable(detail));
        dialog.reject(); // the Cancel button
        QTRY_COMPARE(cancelled.count(), 1);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.dataSource().isEmpty());
        QVERIFY(QDir(data.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
    }

    void theDialogShowsAFailureUntilClosed() {
        QTemporaryDir data;
        ui::DownloadDialog dialog(server_.url(QStringLiteral("/missing/x.tar.gz")), md5_,
                                  data.path());
        dialog.show();
        QSignalSpy failed(dialog.download(), &ui::CifarDownload::failed);
        dialog.start();
        QVERIFY(failed.wait(10000));
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.problem().contains(QStringLiteral("HTTP 404")));
        dialog.reject();
        QVERIFY(!dialog.isVisible());
    }

    void theOfficialAddressAndChecksumAreTorchvisions() {
        QCOMPARE(ui::cifar10Url().toString(),
                 QStringLiteral("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"));
        QCOMPARE(ui::cifar10Md5(), QByteArray("c32a1d4ab5d03f1284b67883e8d87530"));
    }

private:
    LoopbackHttpServer server_;
    QByteArray tarball_;
    QByteArray md5_;
};

} // namespace inception

QTEST_MAIN(inception::DownloadTest)
#include "DownloadTest.moc"
