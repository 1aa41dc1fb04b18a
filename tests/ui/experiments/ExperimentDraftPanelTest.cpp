// The draft of a new experiment: the file it would write, its trial count and cost, and the
// error line of a draft that is not yet one.
#include "ui/experiments/ExperimentDraftPanel.hpp"

#include "core/experiments/Experiment.hpp"
#include "tests/support/QtTestSupport.hpp"

#include <QLineEdit>
#include <QTest>

using namespace inception;
using inception::ui::ExperimentDraftPanel;

class ExperimentDraftPanelTest : public QObject {
    Q_OBJECT

private slots:
    void writesAFileOfTheWindowsNetworkSettingsAndVariedValues() {
        ExperimentDraftPanel draft;
        ModelSpec spec = seedSpec();
        spec.units[1].out3x3 = 80;
        TrainingConfig config;
        config.learningRate = 0.02;
        config.augmentation = standardAugmentation();
        draft.setBase(spec, config, QStringLiteral("synthetic:4"));
        draft.setVaried(QStringLiteral("units[3].out3x3"), QStringLiteral("96, 128 192"));
        draft.findChild<QLineEdit*>(QStringLiteral("widthMultipliers"))
            ->setText(QStringLiteral("0.5, 1"));
        QCOMPARE(draft.trialCount(), 6);
        const ExperimentDefinition e = experimentFromJson(draft.fileText(), "draft", "");
        const auto trials = planTrials(e);
        QCOMPARE(trials.size(), std::size_t{6});
        QCOMPARE(trials[1].spec.units[1].out3x3, 80); // the edited base
        QCOMPARE(trials[1].spec.units[3].out3x3, 96); // x1
        QCOMPARE(trials[0].spec.units[3].out3x3, 48); // x0.5
        QCOMPARE(trials[0].config.learningRate, 0.02);
        QVERIFY(trials[0].config.augmentation == standardAugmentation());

        draft.setVaried(QStringLiteral("units[3].out3x3"), QStringLiteral("64..192 step 32"));
        QCOMPARE(draft.trialCount(), 10);
        QCOMPARE(
            planTrials(experimentFromJson(draft.fileText(), "draft", ""))[9].spec.units[3].out3x3,
            192);
        draft.findChild<QLineEdit*>(QStringLiteral("halvingRungs"))->setText(QStringLiteral("10"));
        QVERIFY(draft.summary().contains(QStringLiteral("with halving")));
    }

    void showsTheErrorOfADraftThatIsNotAnExperiment() {
        ExperimentDraftPanel draft;
        draft.setBase(seedSpec(), TrainingConfig{}, QString());
        QVERIFY(draft.problem().contains(QStringLiteral("choose the data")));
        draft.setBase(seedSpec(), TrainingConfig{}, QStringLiteral("synthetic:4"));
        draft.setVaried(QStringLiteral("momentum_of_doom"), QStringLiteral("1"));
        QVERIFY(draft.problem().contains(QStringLiteral("vary.momentum_of_doom: unknown setting")));
        QVERIFY(draft.fileText().empty());
        QCOMPARE(draft.trialCount(), 0);
    }
};

QTEST_MAIN(ExperimentDraftPanelTest)
#include "ExperimentDraftPanelTest.moc"
