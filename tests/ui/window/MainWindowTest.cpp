#include "ui/window/MainWindow.hpp"

#include "tests/support/QtTestSupport.hpp"
#include "ui/analysis/AnalysisPage.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/data/DataPage.hpp"
#include "ui/data/DataSourceChooser.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/model_editor/SpecDocument.hpp"
#include "ui/runs/RunCatalog.hpp"
#include "ui/runs/RunsPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/ProgressPanel.hpp"
#include "ui/training/TrainingActions.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/training/TrainingPlots.hpp"

#include <QAction>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace inception;
using inception::ui::MainWindow;
using inception::ui::MessageBanner;
using State = inception::ui::TrainingController::State;

class MainWindowTest : public QObject {
    Q_OBJECT

private slots:
    void init() { test::isolateSettings(); }

    void startPauseResumeStopFromTheActions() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1000);
        ui::TrainingPage* page = window->trainingPage();
        QProgressBar* bar = page->progress()->bar();
        QVERIFY(window->actions()->start()->isEnabled());
        QVERIFY(!window->actions()->stop()->isEnabled());

        window->actions()->start()->trigger();
        QCOMPARE(window->currentPage(), MainWindow::TrainingPageIndex);
        QVERIFY(!window->actions()->start()->isEnabled());
        // The progress bar and the plots follow the run.
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() > 3, 60000);
        QVERIFY(bar->text().contains(QStringLiteral("Epoch 1 of 1000")));
        // Batch events reach the plots coalesced, a moment after the progress bar.
        QTRY_VERIFY_WITH_TIMEOUT(page->plots()->batchLoss()->pointCount(0) > 3, 30000);
        QCOMPARE(page->plots()->batchLoss()->pointCount(1),
                 page->plots()->batchLoss()->pointCount(0));
        QTRY_VERIFY_WITH_TIMEOUT(page->plots()->learningRate()->pointCount(0) > 3, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(page->plots()->accuracy()->pointCount(1) >= 1, 30000);
        QVERIFY(page->plots()->epochLoss()->pointCount(0) >= 1);
        QCOMPARE(window->analysisPage()->matrix()->model()->rowCount(), 10);
        QVERIFY(page->log()->toPlainText().contains(QStringLiteral("Epoch [ 1 /1000 ]")));
        QVERIFY(!page->progress()->speedText().isEmpty());
        QVERIFY(page->progress()->timeLeftText().endsWith(QStringLiteral("left")));

        window->actions()->pause()->trigger();
        QCOMPARE(window->controller()->state(), State::Paused);
        QCOMPARE(window->actions()->pause()->text(), QStringLiteral("&Resume"));
        QTest::qWait(300);
        const int atPause = bar->value();
        QTest::qWait(500);
        QCOMPARE(bar->value(), atPause);

        window->actions()->pause()->trigger(); // now Resume
        QCOMPARE(window->controller()->state(), State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(bar->value() > atPause, 30000);

        // Opening the live run from the Runs page shows it still following live events.
        window->openRun(window->controller()->runFolder());
        const int atOpen = page->plots()->batchLoss()->pointCount(0);
        QTRY_VERIFY_WITH_TIMEOUT(page->plots()->batchLoss()->pointCount(0) > atOpen + 3, 30000);
        QCOMPARE(page->plots()->batchLoss()->pointCount(0), bar->value()); // none twice

        window->actions()->stop()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Idle, 30000);
        QVERIFY(window->actions()->start()->isEnabled());
        QVERIFY(bar->text().startsWith(QStringLiteral("Stopped")));

        // The run is on the Runs page, stopped, with its checkpoint.
        QTRY_COMPARE_WITH_TIMEOUT(window->catalog()->entries().size(), std::size_t{1}, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window->catalog()->entries()[0].readable &&
                                     window->catalog()->entries()[0].summary.status ==
                                         RunStatus::Stopped,
                                 10000);
        QVERIFY(QFile::exists(window->catalog()->entries()[0].folder +
                              QStringLiteral("/checkpoints/last.ckpt")));
    }

    void theKeyboardStartsAndStops() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1000);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Running, 60000);
        QTest::keyClick(window.get(), Qt::Key_F6);
        QCOMPARE(window->controller()->state(), State::Paused);
        QTest::keyClick(window.get(), Qt::Key_F5, Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Idle, 30000);
    }

    void settingsPersistAcrossARestart() {
        QTemporaryDir runs;
        {
            MainWindow window;
            window.setRunsFolder(runs.path());
            window.setDataSource(QStringLiteral("synthetic:30"));
            TrainingConfig config = test::quickConfig(7);
            config.learningRate = 0.02;
            config.schedule = ScheduleKind::Cosine;
            config.augmentation = inception::standardAugmentation();
            window.trainingPage()->form()->setConfig(config);
            window.trainingPage()->setRunName(QStringLiteral("persisted"));
            window.modelPage()->setSpec(tinySpec());
            window.resize(1111, 777);
            window.showPage(MainWindow::RunsPageIndex);
            window.show();
            QVERIFY(window.close());
        }
        MainWindow window;
        const TrainingConfig config = window.trainingPage()->form()->config();
        QCOMPARE(config.epochs, 7);
        QCOMPARE(config.learningRate, 0.02);
        QVERIFY(config.schedule == ScheduleKind::Cosine);
        QVERIFY(config.augmentation == inception::standardAugmentation());
        QCOMPARE(window.trainingPage()->runName(), QStringLiteral("persisted"));
        QCOMPARE(window.modelPage()->spec().name, std::string("tiny"));
        QCOMPARE(window.dataSource(), QStringLiteral("synthetic:30"));
        QCOMPARE(window.catalog()->root(), QFileInfo(runs.path()).absoluteFilePath());
        QCOMPARE(window.currentPage(), MainWindow::RunsPageIndex);
        QCOMPARE(window.size(), QSize(1111, 777));
    }

    void anInvalidSpecDisablesStartAndSaysWhy() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1);
        QVERIFY(window->actions()->start()->isEnabled());
        ModelSpec spec = tinySpec();
        spec.units[1].out3x3 = 0;
        window->modelPage()->setSpec(spec);
        QVERIFY(!window->actions()->start()->isEnabled());
        QVERIFY2(window->actions()->start()->toolTip().contains(
                     QStringLiteral("units[1].out3x3: must be at least 1")),
                 qPrintable(window->actions()->start()->toolTip()));
        window->modelPage()->document()->undoStack()->undo();
        QVERIFY(window->actions()->start()->isEnabled());
    }

    void editingTheSpecWhileTrainingChangesOnlyTheNextRun() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1000);
        QSignalSpy started(window->controller(), &ui::TrainingController::runStarted);
        window->actions()->start()->trigger();
        QVERIFY(started.wait(60000));
        const QString folder = started.first().at(1).toString();
        ModelSpec wider = tinySpec();
        wider.units[0].out1x1 = 32;
        window->modelPage()->setSpec(wider);
        QVERIFY(window->modelPage()->spec() == wider);
        window->controller()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Idle, 30000);
        QVERIFY(readRun(folder.toStdString()).spec == tinySpec()); // the run kept its spec
    }

    void aFirstStartHasNoData() {
        MainWindow window;
        QVERIFY(window.needsDataSource());
        window.setDataSource(test::kQuickData);
        QVERIFY(!window.needsDataSource());
    }

    void badDataPathsGiveAMessageNotACrash_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing folder") << QStringLiteral("cifar10:/no/such/cifar")
                                        << QStringLiteral("/no/such/cifar: does not exist");
        QTest::newRow("not cifar")
            << QStringLiteral("cifar10:%1") << QStringLiteral("not a CIFAR-10 binary folder");
        QTest::newRow("damaged batch")
            << QStringLiteral("cifar10:%1/damaged") << QStringLiteral("data_batch_1.bin");
        QTest::newRow("unknown kind")
            << QStringLiteral("imagenet:/x") << QStringLiteral("unknown data source");
    }

    void badDataPathsGiveAMessageNotACrash() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QTemporaryDir runs;
        // A folder with the right names and damaged contents passes the quick check and
        // fails when the run loads it: on the training thread.
        QDir(runs.path()).mkpath(QStringLiteral("damaged"));
        for (const char* name : {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                 "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            QFile file(runs.filePath(QStringLiteral("damaged/") + QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not a batch");
        }
        auto window = test::quickWindow(runs.path(), 1);
        window->setDataSource(source.contains(QStringLiteral("%1")) ? source.arg(runs.path())
                                                                    : source);
        window->actions()->start()->trigger();
        MessageBanner* banner = window->trainingPage()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QVERIFY2(banner->text().contains(expected), qPrintable(banner->text()));
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Idle, 30000);
        QVERIFY(window->actions()->start()->isEnabled());
    }

    void aRunsFolderThatCannotBeWrittenIsNamed() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1);
        // A file where the runs folder should be: the run directory cannot be made.
        QFile blocker(runs.filePath(QStringLiteral("blocked")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        window->setRunsFolder(runs.filePath(QStringLiteral("blocked/runs")));
        window->actions()->start()->trigger();
        MessageBanner* banner = window->trainingPage()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
        QVERIFY2(banner->text().contains(runs.filePath(QStringLiteral("blocked/runs"))),
                 qPrintable(banner->text()));
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Idle, 30000);
    }

    void aFullDiskStopsTheRunWithABannerAndLeavesNothingHalfWritten() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 2);
        // The disk fills up when the first checkpoint is written (docs/hardening.md).
        qputenv("INCEPTION_FAIL_WRITES", "ENOSPC:last.ckpt");
        QSignalSpy ended(window->controller(), &ui::TrainingController::runEnded);
        window->actions()->start()->trigger();
        const bool endedInTime = ended.wait(120000);
        qunsetenv("INCEPTION_FAIL_WRITES");
        QVERIFY(endedInTime);
        const auto outcome = ended.first().at(0).value<RunOutcome>();
        QVERIFY2(outcome.cause == FailureCause::BadInput, outcome.message.c_str());
        MessageBanner* banner = window->trainingPage()->banner();
        QTRY_VERIFY(!banner->isHidden());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QVERIFY2(banner->text().contains(QStringLiteral("last.ckpt: cannot be written: No space "
                                                        "left on device")),
                 qPrintable(banner->text()));
        QCOMPARE(window->controller()->state(), State::Idle);
        const QString folder = ended.first().at(1).toString();
        QDirIterator files(folder, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext())
            QVERIFY2(!files.next().contains(QStringLiteral(".tmp")), qPrintable(files.filePath()));
        QVERIFY(QFile::exists(folder + QStringLiteral("/run.json")));
        QVERIFY(window->actions()->start()->isEnabled());
    }

    void aDivergedRunIsReportedOnThePage() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 5);
        SessionRequest request; // the CLI's diverging recipe (see CliTest)
        request.dataSpec = "synthetic:3";
        request.runsFolder = runs.path().toStdString();
        request.spec = seedSpec();
        request.config = test::quickConfig(5);
        request.config.optimizer = OptimizerKind::Sgd;
        request.config.learningRate = 10.0;
        request.config.momentum = 0.99;
        QSignalSpy ended(window->controller(), &ui::TrainingController::runEnded);
        window->controller()->start(request);
        QVERIFY(ended.wait(120000));
        const auto outcome = ended.first().at(0).value<RunOutcome>();
        QVERIFY2(outcome.cause == FailureCause::Diverged, outcome.message.c_str());
        MessageBanner* banner = window->trainingPage()->banner();
        QVERIFY(!banner->isHidden()); // on the Training page, which is not the current one
        QVERIFY2(banner->text().contains(QStringLiteral("diverged")), qPrintable(banner->text()));
        QCOMPARE(window->trainingPage()->progress()->bar()->text(), QStringLiteral("Diverged"));
        QVERIFY(window->actions()->start()->isEnabled());
    }

    void settingsTheTrainerRefusesAreNamed() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1);
        TrainingConfig config = test::quickConfig(1);
        config.device = "cuda";
        window->trainingPage()->form()->setConfig(config);
        QSignalSpy started(window->controller(), &ui::TrainingController::runStarted);
        window->actions()->start()->trigger();
        MessageBanner* banner = window->trainingPage()->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() || !started.isEmpty(), 30000);
        if (!started.isEmpty()) {
            window->controller()->stop();
            QSKIP("this machine has CUDA");
        }
        QVERIFY2(banner->text().contains(QStringLiteral("cuda is not available")),
                 qPrintable(banner->text()));
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Idle, 30000);
    }

    void aRunOpenedFromTheRunsPageShowsItsPlots() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 2);
        QSignalSpy ended(window->controller(), &ui::TrainingController::runEnded);
        window->actions()->start()->trigger();
        QVERIFY(ended.wait(60000));
        const QString folder = ended.first().at(1).toString();

        MainWindow reopened;
        reopened.setRunsFolder(runs.path());
        reopened.openRun(folder);
        ui::TrainingPlots* plots = reopened.trainingPage()->plots();
        QCOMPARE(plots->accuracy()->pointCount(1), 2);
        QCOMPARE(plots->batchLoss()->pointCount(0), 2 * 20);
        QCOMPARE(reopened.analysisPage()->matrix()->model()->rowCount(), 10);
        QVERIFY(reopened.trainingPage()->log()->toPlainText().contains(
            QStringLiteral("Epoch [ 2 /2 ]")));
        // File > Export Report... reports on the run shown, or on the Runs page's selection.
        QCOMPARE(reopened.reportSubject(), folder);
        reopened.showPage(MainWindow::RunsPageIndex);
        QTRY_VERIFY_WITH_TIMEOUT(reopened.catalog()->indexOf(folder) >= 0, 10000);
        reopened.runsPage()->selectFolders({});
        QCOMPARE(reopened.reportSubject(), QString());
        reopened.runsPage()->selectFolders({folder});
        QCOMPARE(reopened.reportSubject(), folder);

        // The spec the run was trained with goes back into the layer editor.
        reopened.modelPage()->setSpec(seedSpec());
        QTRY_VERIFY_WITH_TIMEOUT(reopened.catalog()->indexOf(folder) >= 0, 10000);
        reopened.loadSpecOfRun(folder);
        QCOMPARE(reopened.currentPage(), MainWindow::ModelPageIndex);
        QVERIFY(reopened.modelPage()->spec() == tinySpec());

        reopened.openRun(runs.filePath(QStringLiteral("not-a-run")));
        QCOMPARE(reopened.currentPage(), MainWindow::RunsPageIndex);
        QVERIFY(
            reopened.runsPage()->banner()->text().contains(QStringLiteral("not a run directory")));
    }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
