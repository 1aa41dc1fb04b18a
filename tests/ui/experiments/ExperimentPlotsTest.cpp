// The experiment's pictures: the front drawn over the finished trials, a hovered point
// described with its widths, parallel coordinates and curves for every measured trial.
#include "ui/experiments/ExperimentPlots.hpp"

#include "core/experiments/ExperimentRunner.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "ui/common/PlotView.hpp"

#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::ExperimentPlots;

class ExperimentPlotsTest : public QObject {
    Q_OBJECT

private slots:
    void drawsTheFrontAndDescribesTheHoveredTrial() {
        QTemporaryDir dir;
        const QString folder = test::quickExperiment(
            dir.path(), R"({"units[0].out1x1": [4, 16], "lr": [0.01, 0.002]})", 2);
        TrainingControl control;
        ExperimentRunOptions options;
        options.folder = folder.toStdString();
        ExperimentObserver quiet;
        QVERIFY(ExperimentRunner(options).run(control, quiet).complete);
        const auto status =
            std::make_shared<const ExperimentStatus>(readExperimentStatus(folder.toStdString()));

        ExperimentPlots plots;
        plots.resize(900, 600);
        plots.show();
        plots.setStatus(status);
        QCustomPlot* scatter = plots.scatter();
        scatter->replot();
        // The front, then a point per trial.
        QCOMPARE(scatter->graphCount(), 1 + 4);
        QCOMPARE(scatter->graph(0)->dataCount(), static_cast<int>(status->pareto.size()));
        const TrialStatus& first = status->trials[static_cast<std::size_t>(status->pareto.front())];
        const QPointF at(scatter->xAxis->coordToPixel(static_cast<double>(first.macs) / 1e6),
                         scatter->yAxis->coordToPixel(100.0 * first.bestTestAccuracy));
        const QString text = plots.describeTrialAt(at + QPointF(3, 2));
        QVERIFY2(text.contains(QStringLiteral("Trial %1").arg(first.plan.id)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("on the Pareto front")));
        QVERIFY(text.contains(QStringLiteral("unit 0: %1").arg(first.plan.spec.units[0].out1x1)));
        QVERIFY(plots.describeTrialAt(QPointF(-100, -100)).isEmpty());

        plots.findChild<QComboBox*>(QStringLiteral("costChoice"))->setCurrentIndex(2);
        QVERIFY(plots.costMeasure() == CostMeasure::EvalSpeed);
        QCOMPARE(scatter->xAxis->label(),
                 QStringLiteral("evaluation time per image (ms, measured)"));
        QCOMPARE(plots.parallelCoordinates()->plottableCount(), 4);
        QCOMPARE(plots.curves()->seriesCount(), 4);
        QCOMPARE(plots.curves()->pointCount(0), 2);
    }
};

QTEST_MAIN(ExperimentPlotsTest)
#include "ExperimentPlotsTest.moc"
