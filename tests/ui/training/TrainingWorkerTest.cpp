// The worker runs a session on whatever thread calls it (here the test's, so its signals are
// direct) and turns everything into signals and mailbox entries tagged with the generation.
#include "ui/training/TrainingWorker.hpp"

#include "tests/support/QtTestSupport.hpp"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::EventMailbox;
using inception::ui::TrainingWorker;

class TrainingWorkerTest : public QObject {
    Q_OBJECT

    SessionRequest quickRequest(const QTemporaryDir& runs, int epochs) {
        SessionRequest request;
        request.dataSpec = test::kQuickData.toStdString();
        request.runsFolder = runs.path().toStdString();
        request.spec = tinySpec();
        request.config = test::quickConfig(epochs);
        return request;
    }

private slots:
    void initTestCase() { test::isolateSettings(); }

    void aRunsEventsCarryItsGenerationAndItsBatchesGoToTheMailbox() {
        QTemporaryDir runs;
        TrainingWorker worker;
        QSignalSpy started(&worker, &TrainingWorker::runStarted);
        QSignalSpy epochs(&worker, &TrainingWorker::epochFinished);
        QSignalSpy ended(&worker, &TrainingWorker::runEnded);
        auto mailbox = std::make_shared<EventMailbox>();
        worker.train(quickRequest(runs, 2), std::make_shared<TrainingControl>(), mailbox, 7);

        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(0).value<quint64>(), quint64{7});
        const QString folder = started.first().at(2).toString();
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/run.json")));
        QCOMPARE(epochs.size(), 2);
        for (const auto& epoch : epochs)
            QCOMPARE(epoch.at(0).value<quint64>(), quint64{7});
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.first().at(0).value<quint64>(), quint64{7});
        QVERIFY(ended.first().at(1).value<RunOutcome>().status == RunStatus::Finished);
        QCOMPARE(ended.first().at(2).toString(), folder);

        const EventMailbox::Contents contents = mailbox->take();
        QCOMPARE(static_cast<int>(contents.batches.size()), 2 * 20);
        QCOMPARE(contents.batches.back().epoch, 2);
        QCOMPARE(contents.batches.back().batch, 20);
        // The notebook's log lines, as the CLI prints them.
        const bool hasBatchLine =
            std::any_of(contents.lines.begin(), contents.lines.end(), [](const std::string& l) {
                return l.rfind("Epoch [ 1 /2 ]  Batch [ 20", 0) == 0;
            });
        QVERIFY(hasBatchLine);
    }

    void badInputFailsToStartWithTheLineAndNoRun() {
        QTemporaryDir runs;
        TrainingWorker worker;
        QSignalSpy started(&worker, &TrainingWorker::runStarted);
        QSignalSpy failed(&worker, &TrainingWorker::failedToStart);
        QSignalSpy ended(&worker, &TrainingWorker::runEnded);
        SessionRequest request = quickRequest(runs, 1);
        request.config.batchSize = 0;
        worker.train(request, std::make_shared<TrainingControl>(), std::make_shared<EventMailbox>(),
                     3);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).value<quint64>(), quint64{3});
        QCOMPARE(failed.first().at(1).toString(),
                 QStringLiteral("batch_size: must be between 1 and 65536"));
        QCOMPARE(started.size(), 0);
        QCOMPARE(ended.size(), 0);
        QVERIFY(QDir(runs.path()).isEmpty());
    }

    void aCancelledControlStopsWithACheckpoint() {
        QTemporaryDir runs;
        TrainingWorker worker;
        QSignalSpy ended(&worker, &TrainingWorker::runEnded);
        auto control = std::make_shared<TrainingControl>();
        control->requestCancel();
        worker.train(quickRequest(runs, 5), control, std::make_shared<EventMailbox>(), 1);
        QCOMPARE(ended.size(), 1);
        const auto outcome = ended.first().at(1).value<RunOutcome>();
        QCOMPARE(QString::fromStdString(toString(outcome.status)), QStringLiteral("stopped"));
        QVERIFY(QFileInfo::exists(QString::fromStdString(outcome.checkpoint)));
    }
};

QTEST_MAIN(TrainingWorkerTest)
#include "TrainingWorkerTest.moc"
