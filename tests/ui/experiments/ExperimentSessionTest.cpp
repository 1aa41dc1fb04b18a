// The window's experiment session: status read off the GUI thread, trials trained on a thread
// of their own, stopped mid-trial and continued.
#include "ui/experiments/ExperimentSession.hpp"

#include "core/runs/RunDirectory.hpp"
#include "tests/support/QtTestSupport.hpp"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::ExperimentSession;

class ExperimentSessionTest : public QObject {
    Q_OBJECT

private slots:
    void stopsMidTrialAndContinuesWhereItStopped() {
        QTemporaryDir dir;
        const QString folder =
            test::quickExperiment(dir.path(), R"({"lr": [0.01, 0.005, 0.002]})", 3);
        ExperimentSession session;
        std::shared_ptr<const ExperimentStatus> last;
        connect(&session, &ExperimentSession::statusChanged, this,
                [&](auto status) { last = status; });
        QSignalSpy started(&session, &ExperimentSession::trialStarted);
        session.open(folder);
        QTRY_VERIFY(last && last->trials.size() == 3);
        session.start();
        QVERIFY(session.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(started.count() >= 2, 60000); // in the second trial
        session.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!session.isRunning(), 30000);
        session.refreshNow();
        QVERIFY(last->trials[0].state == TrialState::Finished);
        QVERIFY(last->trials[1].state == TrialState::Stopped ||
                last->trials[1].state == TrialState::Finished);
        QVERIFY(!last->complete());

        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(!session.isRunning(), 60000);
        session.refreshNow();
        QVERIFY(last->complete());
        for (const TrialStatus& t : last->trials)
            QCOMPARE(readRun(t.folder).trainedEpochs(), 3);
        QCOMPARE(started.front().at(0).toInt(), 0);
    }

    void aFolderThatIsNoExperimentFailsWithItsName() {
        QTemporaryDir dir;
        ExperimentSession session;
        QSignalSpy failed(&session, &ExperimentSession::failed);
        session.open(dir.path());
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("no experiment.json")));
    }
};

QTEST_MAIN(ExperimentSessionTest)
#include "ExperimentSessionTest.moc"
