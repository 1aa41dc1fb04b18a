// Saves from the workbench (plots, contact sheets) go through core's atomic write: a failed or
// interrupted save leaves the old file and no temporary one.
#include "ui/common/SaveFile.hpp"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using inception::ui::writeFileSafely;

namespace {
QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(bytes);
    return {};
}
} // namespace

class SaveFileTest : public QObject {
    Q_OBJECT

private slots:
    void replacesTheFileWithWhatTheWriterWrote() {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("plot.csv"));
        QVERIFY(writeBytes(path, "old").isEmpty());
        const QString error = writeFileSafely(path, [&](const QString& temporary) {
            if (temporary == path)
                return QStringLiteral("wrote the file itself");
            return writeBytes(temporary, "new");
        });
        QCOMPARE(error, QString());
        QCOMPARE(contents(path), QByteArray("new"));
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("plot.csv")});
    }

    void aFailingWriterLeavesTheOldFileAndSaysWhy() {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("plot.png"));
        QVERIFY(writeBytes(path, "old").isEmpty());
        const QString error = writeFileSafely(path, [](const QString& temporary) {
            writeBytes(temporary, "half");
            return QStringLiteral("cannot write the PNG");
        });
        QCOMPARE(error, QStringLiteral("cannot write the PNG"));
        QCOMPARE(contents(path), QByteArray("old"));
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("plot.png")});
    }

    void aWriterThatWritesNothingIsAnError() {
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("sheet.png"));
        QCOMPARE(writeFileSafely(path, [](const QString&) { return QString(); }),
                 QStringLiteral("nothing was written"));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(SaveFileTest)
#include "SaveFileTest.moc"
