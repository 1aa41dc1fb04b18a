// A run opened from a folder outside the runs folder is followed while it grows, says when its
// run.json breaks, and stops being followed when closed.
#include "ui/window/OpenedRun.hpp"

#include "core/base/InputError.hpp"
#include "core/training/EventJson.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "ui/runs/RunCatalog.hpp"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace inception;
using inception::ui::OpenedRun;
using inception::ui::RunCatalog;

namespace {

void writeText(const QString& path, const std::string& text, QIODevice::OpenMode mode) {
    QFile file(path);
    QVERIFY(file.open(mode));
    file.write(QByteArray::fromStdString(text));
}

// A run directory as the CLI writes it, by hand: run.json and `epochs` epoch lines.
void writeRun(const QString& folder, int epochs) {
    RunSetup setup;
    setup.spec = tinySpec();
    setup.dataset.kind = "synthetic";
    setup.dataset.path = "synthetic:2";
    setup.classNames = std::vector<std::string>(10, "class");
    nlohmann::json info = {{"name", "elsewhere"}, {"status", "running"}};
    addRunSetup(info, setup);
    writeText(folder + QStringLiteral("/run.json"), info.dump(), QIODevice::WriteOnly);
    for (int e = 1; e <= epochs; ++e) {
        EpochSummary epoch;
        epoch.epoch = e;
        epoch.epochs = 30;
        writeText(folder + QStringLiteral("/metrics.jsonl"), toJsonValue(epoch).dump() + "\n",
                  QIODevice::Append);
    }
}

void appendEpoch(const QString& folder, int epoch) {
    EpochSummary summary;
    summary.epoch = epoch;
    summary.epochs = 30;
    writeText(folder + QStringLiteral("/metrics.jsonl"), toJsonValue(summary).dump() + "\n",
              QIODevice::Append);
}

} // namespace

class OpenedRunTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    void aRunOutsideTheRunsFolderIsFollowedWhileItGrows() {
        QTemporaryDir runsFolder, elsewhere;
        RunCatalog catalog;
        catalog.setRoot(runsFolder.path());
        writeRun(elsewhere.path(), 1);
        OpenedRun opened(&catalog);
        opened.open(elsewhere.path());
        QVERIFY(opened.isOpen());
        QCOMPARE(opened.folder(), elsewhere.path());
        QCOMPARE(opened.record().epochs.size(), std::size_t{1});

        QSignalSpy changed(&opened, &OpenedRun::changed);
        appendEpoch(elsewhere.path(), 2);
        QVERIFY(changed.wait(5000));
        QCOMPARE(opened.record().epochs.size(), std::size_t{2});

        opened.close();
        QVERIFY(!opened.isOpen());
        appendEpoch(elsewhere.path(), 3);
        QVERIFY(!changed.wait(2500)); // two polls' time: nobody follows it now
    }

    void aFolderThatIsNoRunIsAnErrorAndTheOpenRunStays() {
        QTemporaryDir runsFolder, run, empty;
        RunCatalog catalog;
        catalog.setRoot(runsFolder.path());
        writeRun(run.path(), 1);
        OpenedRun opened(&catalog);
        opened.open(run.path());
        try {
            opened.open(empty.path());
            QFAIL("an empty folder opened as a run");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromStdString(e.oneLine()).contains(QStringLiteral("run.json")),
                     e.what());
        }
        QCOMPARE(opened.folder(), run.path());
    }

    void aRunJsonDamagedWhileFollowedIsReported() {
        QTemporaryDir runsFolder, run;
        RunCatalog catalog;
        catalog.setRoot(runsFolder.path());
        writeRun(run.path(), 1);
        OpenedRun opened(&catalog);
        opened.open(run.path());
        QSignalSpy failed(&opened, &OpenedRun::failed);
        QTest::qWait(1100); // a new modification time for run.json
        writeText(run.filePath(QStringLiteral("run.json")),
                  "{\"status\": ", QIODevice::WriteOnly | QIODevice::Truncate);
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("run.json: damaged")),
                 qPrintable(failed.first().at(0).toString()));
    }
};

QTEST_MAIN(OpenedRunTest)
#include "OpenedRunTest.moc"
