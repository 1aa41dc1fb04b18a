// What the workbench remembers: values round-trip through QSettings, and a damaged stored
// value gives the default together with a line that says why.
#include "ui/window/WorkbenchSettings.hpp"

#include "tests/support/QtTestSupport.hpp"

#include <QSettings>
#include <QTest>

using namespace inception;
using inception::ui::WorkbenchSettings;

class WorkbenchSettingsTest : public QObject {
    Q_OBJECT

private slots:
    void init() { test::isolateSettings(); }

    void nothingStoredGivesTheNotebookRecipeAndTheSeed() {
        const WorkbenchSettings settings;
        QCOMPARE(settings.trainingConfig().value, TrainingConfig{});
        QVERIFY(settings.trainingConfig().problem.isEmpty());
        QCOMPARE(settings.modelSpec().value, seedSpec());
        QVERIFY(settings.modelSpec().problem.isEmpty());
    }

    void valuesRoundTrip() {
        TrainingConfig config;
        config.epochs = 7;
        config.optimizer = OptimizerKind::Sgd;
        config.augmentation = standardAugmentation();
        ModelSpec spec = tinySpec();
        spec.name = "mine";
        {
            WorkbenchSettings settings;
            settings.setTrainingConfig(config);
            settings.setModelSpec(spec);
            settings.setDataSource(QStringLiteral("synthetic:5"));
            settings.setRunName(QStringLiteral("first try"));
            settings.setPage(3);
        }
        const WorkbenchSettings settings;
        QCOMPARE(settings.trainingConfig().value, config);
        QCOMPARE(settings.modelSpec().value, spec);
        QCOMPARE(settings.dataSource(), QStringLiteral("synthetic:5"));
        QCOMPARE(settings.runName(), QStringLiteral("first try"));
        QCOMPARE(settings.page(), 3);
    }

    void aDamagedValueGivesTheDefaultAndSaysWhy() {
        {
            QSettings raw;
            raw.setValue(QStringLiteral("training/config"), QStringLiteral("{\"epochs\": 0}"));
            raw.setValue(QStringLiteral("model/spec"), QStringLiteral("{not json"));
        }
        const WorkbenchSettings settings;
        const auto config = settings.trainingConfig();
        QCOMPARE(config.value, TrainingConfig{});
        QCOMPARE(config.problem,
                 QStringLiteral("saved training settings: epochs: must be between 1 and 100000"));
        const auto spec = settings.modelSpec();
        QCOMPARE(spec.value, seedSpec());
        QVERIFY2(spec.problem.startsWith(QStringLiteral("saved model spec: not valid JSON")),
                 qPrintable(spec.problem));
    }
};

QTEST_MAIN(WorkbenchSettingsTest)
#include "WorkbenchSettingsTest.moc"
