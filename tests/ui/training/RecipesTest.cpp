// The recipes and time to accuracy as the user meets them: the Training page's buttons, the
// Model page's structure, the precision note, the Runs page's column.
#include "ui/window/MainWindow.hpp"

#include "core/base/CpuFeatures.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunSummary.hpp"
#include "core/training/Recipe.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/model_editor/SpecDocument.hpp"
#include "ui/runs/RunListModel.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/TrainingPage.hpp"

#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace inception;
using inception::ui::HyperparameterForm;

class RecipesTest : public QObject {
    Q_OBJECT

private slots:
    void init() { test::isolateSettings(); }

    void theFastButtonFillsTheFormAndTheModelPageTakesTheStructure() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 3);
        HyperparameterForm* form = window->trainingPage()->form();
        const ModelSpec before = window->modelPage()->spec();
        auto* fast = form->findChild<QPushButton*>(QStringLiteral("fastRecipe"));
        QVERIFY(fast);
        fast->click();
        TrainingConfig expected = recipeNamed("fast", "test").config;
        expected.threads = test::quickConfig(3).threads;
        QCOMPARE(form->config(), expected);
        const ModelSpec after = window->modelPage()->spec();
        QVERIFY(after.batchNorm);
        QCOMPARE(after.stem.kernel, 3);
        QVERIFY(after.units[0].poolAfter); // two units: a pool after the first
        QCOMPARE(after.units[1].outChannels(), before.units[1].outChannels());
        // One undo step on the Model page gives the old structure back.
        window->modelPage()->document()->undoStack()->undo();
        QCOMPARE(window->modelPage()->spec(), before);

        form->findChild<QPushButton*>(QStringLiteral("notebookRecipe"))->click();
        TrainingConfig notebook;
        notebook.recipe = "notebook";
        notebook.threads = expected.threads;
        QCOMPARE(form->config(), notebook);
        QVERIFY(!window->modelPage()->spec().batchNorm);
    }

    void autoPrecisionSaysWhatItBecomesOnThisCpu() {
        HyperparameterForm form;
        TrainingConfig c;
        c.precision = Precision::Auto;
        form.setConfig(c);
        const QString note = form.findChild<QLabel*>(QStringLiteral("precisionNote"))->text();
        const QString expected = QString::fromStdString(
            toString(choosePrecision(Precision::Auto, thisCpu(), "cpu").precision));
        QVERIFY2(note.startsWith(QStringLiteral("→ ") + expected + QStringLiteral(": this CPU ")),
                 qPrintable(note));
        QVERIFY(form.config().precision == Precision::Auto);
    }

    void theRunsTableShowsTheTimeToTheTarget() {
        RunRecord run;
        run.config.targetAccuracy = 0.9;
        EpochSummary e;
        for (const auto& [accuracy, elapsed] :
             {std::pair{0.85, 100.0}, {0.91, 230.0}, {0.92, 340.0}}) {
            e.epoch++;
            e.testAccuracy = accuracy;
            e.elapsedSeconds = elapsed;
            run.epochs.push_back(e);
        }
        QCOMPARE(ui::RunListModel::timeToTarget(summarize(run), false).toString(),
                 QStringLiteral("90% in 3 min 50 s (epoch 2)"));
        QCOMPARE(ui::RunListModel::timeToTarget(summarize(run), true).toDouble(), 230.0);
        run.config.targetAccuracy = 0.95;
        QCOMPARE(ui::RunListModel::timeToTarget(summarize(run), false).toString(),
                 QStringLiteral("95%: not yet"));
        run.config.targetAccuracy = 0.0;
        QCOMPARE(ui::RunListModel::timeToTarget(summarize(run), false).toString(), QString());
    }
};

QTEST_MAIN(RecipesTest)
#include "RecipesTest.moc"
