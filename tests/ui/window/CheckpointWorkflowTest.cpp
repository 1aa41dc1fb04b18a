// The checkpoint commands of the window: save while training, export, import, the Runs page's
// checkpoint menu and the export dialog.
#include "ui/window/CheckpointWorkflow.hpp"

#include "core/interop/ModelExport.hpp"
#include "core/runs/RunDirectory.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "ui/common/FileJob.hpp"
#include "ui/dialogs/ExportDialog.hpp"
#include "ui/dialogs/ImportWeightsDialog.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/runs/RunCatalog.hpp"
#include "ui/runs/RunsPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/TrainingActions.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/MainWindow.hpp"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::CheckpointWorkflow;
using inception::ui::MainWindow;
using inception::ui::MessageBanner;
using State = inception::ui::TrainingController::State;

class CheckpointWorkflowTest : public QObject {
    Q_OBJECT

    // A finished two-epoch run in `runs`: its folder.
    QString finishedRun(MainWindow& window) {
        QSignalSpy ended(window.controller(), &ui::TrainingController::runEnded);
        window.actions()->start()->trigger();
        if (!ended.wait(120000))
            return {};
        return window.controller()->runFolder();
    }

    static QString lastMessage(const QSignalSpy& spy) {
        return spy.isEmpty() ? QString() : spy.last().at(1).toString();
    }

private slots:
    void init() { test::isolateSettings(); }

    void saveCheckpointWhileTrainingWritesAResumableFile() {
        QTemporaryDir runs, files;
        auto window = test::quickWindow(runs.path(), 1000);
        CheckpointWorkflow* checkpoints = window->checkpoints();
        QVERIFY(!checkpoints->saveAction()->isEnabled()); // nothing to save yet
        QSignalSpy messages(checkpoints, &CheckpointWorkflow::message);
        window->actions()->start()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Running, 30000);
        QVERIFY(checkpoints->saveAction()->isEnabled());
        QVERIFY(!checkpoints->resumeAction()->isEnabled()); // one run at a time

        // While paused, too: the checkpoint is written without resuming the run.
        window->actions()->pause()->trigger();
        const QString path = files.filePath(QStringLiteral("now.ckpt"));
        checkpoints->saveCheckpointTo(path);
        QTRY_VERIFY_WITH_TIMEOUT(
            lastMessage(messages).startsWith(QStringLiteral("Checkpoint saved")), 20000);
        QCOMPARE(window->controller()->state(), State::Paused);
        // A readable checkpoint of the tiny model: it exports.
        const auto exported =
            exportCheckpoint(path.toStdString(), ExportFormat::PyTorch,
                             files.filePath(QStringLiteral("now.pt")).toStdString());
        QVERIFY(QFile::exists(QString::fromStdString(exported.sidecar)));

        // A folder that cannot be written: a clear message, and the run goes on.
        QFile file(files.filePath(QStringLiteral("file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        checkpoints->saveCheckpointTo(files.filePath(QStringLiteral("file/x.ckpt")));
        QTRY_VERIFY_WITH_TIMEOUT(messages.last().at(0).value<MessageBanner::Kind>() ==
                                     MessageBanner::Kind::Error,
                                 20000);
        QVERIFY(lastMessage(messages).contains(QStringLiteral("x.ckpt")));
        window->actions()->pause()->trigger(); // resume
        QCOMPARE(window->controller()->state(), State::Running);
        window->stopAndClose();
    }

    void exportAndImportRunOffTheGuiThread() {
        QTemporaryDir runs, files;
        auto window = test::quickWindow(runs.path(), 1);
        const QString run = finishedRun(*window);
        QVERIFY(!run.isEmpty());
        window->openRun(run);
        CheckpointWorkflow* checkpoints = window->checkpoints();
        QVERIFY(checkpoints->saveAction()->isEnabled()); // a copy of the shown run's last
        QSignalSpy messages(checkpoints, &CheckpointWorkflow::message);

        const QString best = QDir(run).filePath(QStringLiteral("checkpoints/best.ckpt"));
        const QString onnx = files.filePath(QStringLiteral("model.onnx"));
        checkpoints->exportCheckpoint(best, ExportFormat::Onnx, onnx);
        QVERIFY(checkpoints->job()->isBusy());
        QVERIFY(!checkpoints->exportAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!checkpoints->job()->isBusy(), 20000);
        QVERIFY2(lastMessage(messages).startsWith(QStringLiteral("Exported ONNX")),
                 qPrintable(lastMessage(messages)));
        QVERIFY(QFile::exists(onnx + QStringLiteral(".json")));

        const QString copy = files.filePath(QStringLiteral("copy.ckpt"));
        checkpoints->saveCheckpointTo(copy);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(copy), 20000);

        // PyTorch weights in: a new run, evaluated, opened on the Analysis page.
        const QString weights = files.filePath(QStringLiteral("weights.pt"));
        checkpoints->exportCheckpoint(best, ExportFormat::PyTorch, weights);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(weights), 20000);
        QTRY_VERIFY(!checkpoints->job()->isBusy());
        QSignalSpy imported(checkpoints, &CheckpointWorkflow::runImported);
        checkpoints->importWeights(weights, tinySpec(), QStringLiteral("brought-in"));
        QVERIFY(imported.wait(30000));
        const QString folder = imported.first().at(0).toString();
        QVERIFY(folder.endsWith(QStringLiteral("-brought-in")));
        QCOMPARE(window->currentPage(), MainWindow::AnalysisPageIndex);
        const RunRecord record = readRun(folder.toStdString());
        QCOMPARE(record.epochs.size(), std::size_t{1});
        QCOMPARE(record.epochs[0].epoch, 0);
        QVERIFY(lastMessage(messages).startsWith(QStringLiteral("Imported")));

        // Weights of another model: the tensor and both shapes, no run made.
        checkpoints->importWeights(weights, seedSpec(), QStringLiteral("wrong"));
        QTRY_VERIFY_WITH_TIMEOUT(lastMessage(messages).startsWith(QStringLiteral("Import failed")),
                                 20000);
        QVERIFY(lastMessage(messages).contains(QStringLiteral("conv1.0.weight has shape")));
        QCOMPARE(QDir(runs.path()).entryList({QStringLiteral("*-wrong")}, QDir::Dirs).size(), 0);
        // In the banner over the pages, not a modal box.
        MessageBanner* banner = window->fileBanner();
        QTRY_VERIFY(!banner->isHidden());
        QVERIFY(banner->text().contains(QStringLiteral("conv1.0.weight has shape")));
        QVERIFY(window->findChild<QMessageBox*>() == nullptr);
    }

    void resumeFromARunsBestCheckpointContinuesIt() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 1);
        const QString run = finishedRun(*window);
        window->showPage(MainWindow::RunsPageIndex);
        window->catalog()->rescan();
        QTRY_VERIFY(window->catalog()->indexOf(run) >= 0);
        window->runsPage()->selectFolders({run});
        auto* menu = window->runsPage()->findChild<QMenu*>(QStringLiteral("checkpointMenu"));
        QVERIFY(menu);
        emit menu->aboutToShow();
        QAction* resumeBest = nullptr;
        for (QAction* action : menu->actions())
            if (action->text() == QStringLiteral("Resume from Best"))
                resumeBest = action;
        QVERIFY(resumeBest && resumeBest->isEnabled());

        // Two epochs in all now: the finished one-epoch run trains one more.
        window->trainingPage()->form()->setConfig(test::quickConfig(2));
        QSignalSpy started(window->controller(), &ui::TrainingController::runStarted);
        QSignalSpy ended(window->controller(), &ui::TrainingController::runEnded);
        resumeBest->trigger();
        QVERIFY(started.wait(30000));
        QCOMPARE(started.first().at(1).toString(), run); // the same run continues
        QVERIFY(ended.wait(60000));
        QCOMPARE(readRun(run.toStdString()).trainedEpochs(), 2);
    }

    void exportDialogFollowsTheFormatAndNamesTheRun() {
        QTemporaryDir files;
        QVERIFY(QDir(files.path()).mkpath(QStringLiteral("20261130-seed/checkpoints")));
        QFile runJson(files.filePath(QStringLiteral("20261130-seed/run.json")));
        QVERIFY(runJson.open(QIODevice::WriteOnly)); // a run's folder
        runJson.close();
        const QString checkpoint =
            files.filePath(QStringLiteral("20261130-seed/checkpoints/best.ckpt"));
        ui::ExportDialog dialog({{QStringLiteral("Run seed: best"), checkpoint}}, files.path());
        auto* destination = dialog.findChild<QLineEdit*>(QStringLiteral("exportDestination"));
        QCOMPARE(destination->text(), files.filePath(QStringLiteral("20261130-seed-best.pt")));
        dialog.findChild<QRadioButton*>(QStringLiteral("format-onnx"))->click();
        QVERIFY(dialog.format() == ExportFormat::Onnx);
        QCOMPARE(destination->text(), files.filePath(QStringLiteral("20261130-seed-best.onnx")));
        dialog.findChild<QRadioButton*>(QStringLiteral("format-libtorch"))->click();
        QCOMPARE(destination->text(),
                 files.filePath(QStringLiteral("20261130-seed-best.libtorch.pt")));
        dialog.setDestination(files.filePath(QStringLiteral("mine.libtorch.pt")));
        dialog.findChild<QRadioButton*>(QStringLiteral("format-pytorch"))->click();
        QCOMPARE(dialog.destination(), files.filePath(QStringLiteral("mine.pt")));
        QCOMPARE(dialog.checkpoint(), checkpoint);
    }

    void importDialogNamesBadSpecFilesAndMissingWeights() {
        QTemporaryDir files;
        ui::ImportWeightsDialog dialog(tinySpec(), QStringLiteral("synthetic"));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        dialog.setStateDict(files.filePath(QStringLiteral("absent.pt")));
        QVERIFY(!ok->isEnabled());
        QFile weights(files.filePath(QStringLiteral("w.pt")));
        QVERIFY(weights.open(QIODevice::WriteOnly));
        weights.close();
        dialog.setStateDict(weights.fileName());
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.runName(), QStringLiteral("w-imported"));
        QCOMPARE(dialog.spec()->name, tinySpec().name);
    }
};

QTEST_MAIN(CheckpointWorkflowTest)
#include "CheckpointWorkflowTest.moc"
