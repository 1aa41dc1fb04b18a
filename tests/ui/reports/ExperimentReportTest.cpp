#include "ui/reports/ExperimentReport.hpp"

#include "core/experiments/ExperimentRunner.hpp"
#include "core/experiments/ExperimentStatus.hpp"
#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/reports/ReportTestSupport.hpp"

#include <QTemporaryDir>
#include <QTest>

using namespace inception;

class ExperimentReportTest : public QObject {
    Q_OBJECT

private slots:
    void holdsTheTrialsTheFrontAndTheBestTrial() {
        test::isolateSettings();
        QTemporaryDir dir;
        const QString folder =
            test::quickExperiment(dir.path(), R"({"units[0].out1x1": [4, 16]})", 1);
        TrainingControl control;
        ExperimentRunOptions options;
        options.folder = folder.toStdString();
        ExperimentObserver quiet;
        QVERIFY(ExperimentRunner(options).run(control, quiet).complete);
        noteRun(folder.toStdString(), "widths of unit 0");
        const ExperimentStatus status = readExperimentStatus(folder.toStdString());

        const ui::ReportDocument report = ui::experimentReport(folder);
        const QString html = report.html(true);
        QCOMPARE(test::sectionIds(html), (QStringList{"trials", "pareto", "best", "notes"}));
        QVERIFY(html.contains(QStringLiteral("Experiment quick")));
        for (const TrialStatus& trial : status.trials)
            QVERIFY(html.contains(QString::fromStdString(trial.plan.label(false)).toHtmlEscaped()));
        const auto best = std::max_element(
            status.trials.begin(), status.trials.end(),
            [](const auto& a, const auto& b) { return a.bestTestAccuracy < b.bestTestAccuracy; });
        QVERIFY(html.contains(QString::fromStdString(best->folder).toHtmlEscaped()));
        QCOMPARE(report.pictures().size(), std::size_t{3}); // front, parallel coordinates, curves
        QVERIFY(html.contains(QStringLiteral("widths of unit 0")));
    }
};

INCEPTION_QT_TEST(ExperimentReportTest)
#include "ExperimentReportTest.moc"
