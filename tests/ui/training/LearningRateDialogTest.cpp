// Find Learning Rate as the user meets it: the Training page's button, the dialog drawing the
// sweep as it runs, the suggestion and Use.
#include "ui/window/MainWindow.hpp"

#include "tests/support/QtTestSupport.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/LearningRateDialog.hpp"
#include "ui/training/TrainingPage.hpp"

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace inception;
using inception::ui::HyperparameterForm;

class LearningRateDialogTest : public QObject {
    Q_OBJECT

private slots:
    void init() { test::isolateSettings(); }

    void theFinderPlotsSuggestsAndHandsTheRateToTheForm() {
        QTemporaryDir runs;
        auto window = test::quickWindow(runs.path(), 3);
        HyperparameterForm* form = window->trainingPage()->form();
        TrainingConfig c = test::quickConfig(3);
        c.optimizer = OptimizerKind::Sgd;
        form->setConfig(c);
        window->modelPage()->applyRecipeStructure(QStringLiteral("fast"));
        window->trainingPage()
            ->findChild<QPushButton*>(QStringLiteral("findLearningRate"))
            ->click();
        auto* dialog = window->findChild<ui::LearningRateDialog*>();
        QVERIFY(dialog);
        QSignalSpy finished(dialog, &ui::LearningRateDialog::finished);
        QVERIFY(finished.wait(120000));
        QVERIFY(dialog->plot()->pointCount(0) > 20);
        QCOMPARE(dialog->plot()->pointCount(1), dialog->plot()->pointCount(0));
        QVERIFY(dialog->suggestedRate().has_value());
        const auto buttons = dialog->findChildren<QPushButton*>();
        QPushButton* use = nullptr;
        for (QPushButton* b : buttons)
            if (b->text().startsWith(QStringLiteral("&Use")))
                use = b;
        QVERIFY(use && use->isEnabled());
        use->click();
        // The form's field holds six decimals.
        QVERIFY(std::abs(form->config().learningRate - *dialog->suggestedRate()) < 6e-7);
    }
};

QTEST_MAIN(LearningRateDialogTest)
#include "LearningRateDialogTest.moc"
