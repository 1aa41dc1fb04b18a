#include "ui/training/TrainingController.hpp"

#include "tests/support/QtTestSupport.hpp"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>

using inception::BatchProgress;
using inception::RunOutcome;
using inception::RunStatus;
using inception::SessionRequest;
using inception::ui::TrainingController;
using State = TrainingController::State;

namespace {
// Compared as text: QTest prints it when they differ.
QString statusOf(const QList<QVariant>& runEnded) {
    return QString::fromStdString(inception::toString(runEnded.at(0).value<RunOutcome>().status));
}
} // namespace

class TrainingControllerTest : public QObject {
    Q_OBJECT

    SessionRequest quickRequest(const QTemporaryDir& runs, int epochs) {
        SessionRequest request;
        request.dataSpec = inception::test::kQuickData.toStdString();
        request.runsFolder = runs.path().toStdString();
        request.spec = inception::tinySpec();
        request.config = inception::test::quickConfig(epochs);
        return request;
    }

private slots:
    void initTestCase() { inception::test::isolateSettings(); }

    void batchesArriveInOrderCoalescedThenTheRunFinishes() {
        QTemporaryDir runs;
        TrainingController controller;
        std::vector<BatchProgress> batches;
        std::size_t largestDelivery = 0;
        connect(&controller, &TrainingController::batchesArrived,
                [&](const std::vector<BatchProgress>& arrived) {
                    QVERIFY(!arrived.empty());
                    batches.insert(batches.end(), arrived.begin(), arrived.end());
                    largestDelivery = std::max(largestDelivery, arrived.size());
                });
        QSignalSpy started(&controller, &TrainingController::runStarted);
        QSignalSpy epochs(&controller, &TrainingController::epochFinished);
        QSignalSpy ended(&controller, &TrainingController::runEnded);
        QSignalSpy lines(&controller, &TrainingController::logLinesArrived);
        controller.start(quickRequest(runs, 3));
        QCOMPARE(controller.state(), State::Starting);
        QVERIFY(started.wait(60000));
        // A GUI thread busy for a while gets what trained meanwhile in one delivery, not as
        // one queued event per batch. The worker trains on while this thread sleeps.
        QThread::msleep(1500);
        QVERIFY(ended.wait(60000));
        QCOMPARE(controller.state(), State::Idle);
        QCOMPARE(epochs.size(), 3);
        QCOMPARE(statusOf(ended.first()), QStringLiteral("finished"));

        // Every batch of every epoch, in order, none twice, fewer deliveries than batches.
        QCOMPARE(static_cast<int>(batches.size()), 3 * 20);
        for (std::size_t i = 0; i < batches.size(); ++i) {
            QCOMPARE(batches[i].epoch, static_cast<int>(i / 20) + 1);
            QCOMPARE(batches[i].batch, static_cast<int>(i % 20) + 1);
        }
        QVERIFY2(largestDelivery > 1, "the batches trained while the GUI was busy came one by one");
        QVERIFY(!lines.isEmpty());
        const QString folder = ended.first().at(1).toString();
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/run.json")));
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/checkpoints/last.ckpt")));
    }

    void pausesResumesAndStopsWithACheckpoint() {
        QTemporaryDir runs;
        TrainingController controller;
        int batches = 0;
        BatchProgress last;
        BatchProgress firstAfterPause;
        bool resumed = false;
        connect(&controller, &TrainingController::batchesArrived,
                [&](const std::vector<BatchProgress>& arrived) {
                    if (resumed && firstAfterPause.batch == 0)
                        firstAfterPause = arrived.front();
                    batches += static_cast<int>(arrived.size());
                    last = arrived.back();
                });
        QSignalSpy ended(&controller, &TrainingController::runEnded);
        controller.start(quickRequest(runs, 1000));
        QTRY_VERIFY_WITH_TIMEOUT(batches > 5, 60000);

        QSignalSpy reached(&controller, &TrainingController::pauseReached);
        controller.pause();
        QCOMPARE(controller.state(), State::Paused);
        QVERIFY(reached.wait(30000)); // the trainer holds between two batches
        const int atPause = batches;
        const BatchProgress lastBeforePause = last;
        // While it holds it still takes a checkpoint, and trains no batch.
        QSignalSpy saved(&controller, &TrainingController::checkpointSaved);
        QVERIFY(controller.saveCheckpoint(runs.filePath(QStringLiteral("held.ckpt"))));
        QVERIFY(saved.wait(30000));
        QCOMPARE(batches, atPause);

        resumed = true;
        controller.resume();
        QCOMPARE(controller.state(), State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(batches > atPause, 30000);
        // Training went on from the batch after the pause: none lost, none repeated.
        QCOMPARE(firstAfterPause.epoch * 1000 + firstAfterPause.batch,
                 lastBeforePause.batch == lastBeforePause.batches
                     ? (lastBeforePause.epoch + 1) * 1000 + 1
                     : lastBeforePause.epoch * 1000 + lastBeforePause.batch + 1);
        QTRY_VERIFY_WITH_TIMEOUT(batches > atPause + 5, 30000);

        controller.stop();
        QCOMPARE(controller.state(), State::Stopping);
        QVERIFY(ended.wait(30000));
        QCOMPARE(controller.state(), State::Idle);
        const auto outcome = ended.first().at(0).value<RunOutcome>();
        QCOMPARE(statusOf(ended.first()), QStringLiteral("stopped"));
        QVERIFY(QFileInfo::exists(QString::fromStdString(outcome.checkpoint)));
    }

    void stopsWhilePaused() {
        QTemporaryDir runs;
        TrainingController controller;
        QSignalSpy started(&controller, &TrainingController::runStarted);
        QSignalSpy ended(&controller, &TrainingController::runEnded);
        controller.start(quickRequest(runs, 1000));
        QVERIFY(started.wait(60000));
        controller.pause();
        controller.stop();
        QVERIFY(ended.wait(30000));
        QCOMPARE(statusOf(ended.first()), QStringLiteral("stopped"));
    }

    void badDataFailsToStartWithTheMessage() {
        QTemporaryDir runs;
        TrainingController controller;
        QSignalSpy failed(&controller, &TrainingController::failedToStart);
        SessionRequest request = quickRequest(runs, 1);
        request.dataSpec = "cifar10:" + runs.filePath(QStringLiteral("missing")).toStdString();
        controller.start(request);
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed.first().at(0).toString().contains(runs.filePath(QStringLiteral("missing"))),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(controller.state(), State::Idle);
        QVERIFY(QDir(runs.path()).isEmpty()); // no run folder for a run that never started
    }

    void destroyingTheControllerStopsTheRun() {
        QTemporaryDir runs;
        QString folder;
        {
            TrainingController controller;
            QSignalSpy started(&controller, &TrainingController::runStarted);
            controller.start(quickRequest(runs, 1000));
            QVERIFY(started.wait(60000));
            folder = started.first().at(1).toString();
        }
        // The run ended with a checkpoint: nothing is lost when the window goes.
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/checkpoints/last.ckpt")));
    }
};

QTEST_MAIN(TrainingControllerTest)
#include "TrainingControllerTest.moc"
