// The Experiments page end to end: a draft from the window's network and settings, its
// trial count, then the experiment made, trained on its thread and shown as it goes.
#include "ui/experiments/ExperimentsPage.hpp"

#include "tests/support/QtTestSupport.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/experiments/ExperimentDraftPanel.hpp"
#include "ui/experiments/ExperimentPlots.hpp"
#include "ui/experiments/ExperimentSession.hpp"
#include "ui/experiments/TrialTableModel.hpp"

#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::ExperimentsPage;

class ExperimentsPageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    void buildsASixTrialGridAndTrainsItOnItsThread() {
        QTemporaryDir dir;
        ExperimentsPage page;
        page.resize(1100, 900);
        page.show();
        page.setExperimentsFolder(dir.path());
        page.setBase(tinySpec(), test::quickConfig(1), test::kQuickData);
        page.vary(QStringLiteral("lr"), QStringLiteral("0.01, 0.002"));
        page.vary(QStringLiteral("units[0].out1x1"), QStringLiteral("4 8 12"));
        QVERIFY2(page.draft()->problem().isEmpty(), qPrintable(page.draft()->problem()));
        QCOMPARE(page.draft()->trialCount(), 6);
        QVERIFY(page.draft()->summary().startsWith(QStringLiteral("6 trials (6 configurations")));

        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("createExperiment")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.session()->isRunning(), 5000);
        QCOMPARE(page.session()->folder(), dir.path() + QStringLiteral("/widths"));
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/widths.json")));
        // The window stays responsive: the table fills while trials train.
        QTRY_VERIFY_WITH_TIMEOUT(!page.session()->isRunning(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(page.trials()->status() && page.trials()->status()->complete(),
                                 10000);
        QCOMPARE(page.trialTable()->model()->rowCount(), 6);
        QCOMPARE(page.plots()->curves()->seriesCount(), 6);
        QVERIFY(page.plots()->parallelCoordinates()->plottableCount() == 6);
        QVERIFY(!page.startButton()->isEnabled()); // nothing left to do
        QVERIFY(QDir(dir.path() + QStringLiteral("/widths/trials")).count() == 6 + 2);
    }

    void aBadValueIsRefusedBeforeAnythingIsMade() {
        QTemporaryDir dir;
        ExperimentsPage page;
        page.setExperimentsFolder(dir.path());
        page.setBase(tinySpec(), test::quickConfig(1), test::kQuickData);
        page.vary(QStringLiteral("units[0].out1x1"), QStringLiteral("4, -2"));
        QVERIFY(page.draft()->problem().contains(QStringLiteral("vary.units[0].out1x1")));
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("createExperiment"))->isEnabled());
        page.vary(QStringLiteral("units[0].out1x1"), QStringLiteral("4, 2"));
        QVERIFY(page.draft()->problem().isEmpty());
    }

    void opensAnExperimentTheCliRanAndContinuesIt() {
        QTemporaryDir dir;
        const QString folder = test::quickExperiment(dir.path(), R"({"lr": [0.01, 0.003]})", 1);
        ExperimentsPage page;
        page.resize(1100, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.openExperiment(folder);
        QTRY_VERIFY_WITH_TIMEOUT(page.trials()->rowCount() == 2, 5000);
        QCOMPARE(page.startButton()->text(), QStringLiteral("Start"));
        QVERIFY(page.startButton()->isEnabled());
        QTest::mouseClick(page.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.trials()->status() && page.trials()->status()->complete(),
                                 60000);
        QSignalSpy opened(&page, &ExperimentsPage::openRunRequested);
        const QModelIndex first = page.trialTable()->model()->index(0, 1);
        page.trialTable()->scrollTo(first);
        const QPoint at = page.trialTable()->visualRect(first).center();
        QTest::mouseClick(page.trialTable()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(page.trialTable()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.front().front().toString().contains(QStringLiteral("/trials/000-lr-0.01")));
    }
};

QTEST_MAIN(ExperimentsPageTest)
#include "ExperimentsPageTest.moc"
