#include "ui/training/TrainingPlots.hpp"

#include "ui/common/PlotView.hpp"

#include <QTest>

using namespace inception;
using inception::ui::PlotView;
using inception::ui::TrainingPlots;

namespace {

std::vector<BatchProgress> batches(int epoch, int count, const std::vector<double>& losses) {
    std::vector<BatchProgress> out;
    for (int i = 0; i < count; ++i)
        out.push_back({.epoch = epoch,
                       .epochs = 3,
                       .batch = i + 1,
                       .batches = count,
                       .loss = losses[static_cast<std::size_t>(i) % losses.size()],
                       .learningRate = 1e-3});
    return out;
}

double valueAt(const PlotView* plot, int series, int index) {
    return (plot->graph(series)->data()->constBegin() + index)->value;
}

double keyAt(const PlotView* plot, int series, int index) {
    return (plot->graph(series)->data()->constBegin() + index)->key;
}

} // namespace

class TrainingPlotsTest : public QObject {
    Q_OBJECT

private slots:
    void theSmoothingSpansAboutAQuarterEpoch() {
        QCOMPARE(TrainingPlots::smoothingWeight(196), TrainingPlots::kSmoothing); // the seed's
        QCOMPARE(TrainingPlots::smoothingWeight(40), 2.0 / 11.0);
        QCOMPARE(TrainingPlots::smoothingWeight(4), 1.0); // raw: a quarter epoch is one batch
    }

    void batchesSitAtTheirPlaceInEpochs() {
        TrainingPlots plots;
        plots.appendBatches(batches(2, 4, {1.0}));
        QCOMPARE(plots.batchLoss()->pointCount(0), 4);
        QCOMPARE(keyAt(plots.batchLoss(), 0, 0), 1.25); // batch 1 of 4 in epoch 2
        QCOMPARE(keyAt(plots.batchLoss(), 0, 3), 2.0);
        QCOMPARE(plots.learningRate()->pointCount(0), 4);
    }

    void aBatchAlreadyDrawnIsNotDrawnAgain() {
        TrainingPlots plots;
        const auto all = batches(1, 6, {1.0});
        plots.appendBatches({all.begin(), all.begin() + 4});
        plots.appendBatches({all.begin() + 2, all.end()}); // 3 and 4 a second time, then 5, 6
        QCOMPARE(plots.batchLoss()->pointCount(0), 6);
    }

    void theSmoothedLossIsADebiasedMovingAverage() {
        TrainingPlots plots;
        plots.appendBatches(batches(1, 20, {2.0}));
        // A constant loss smooths to itself from the first batch on: no pull towards zero.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(valueAt(plots.batchLoss(), 1, i), 2.0);
        plots.clear();
        plots.appendBatches(batches(1, 40, {4.0, 2.0}));
        const double k = TrainingPlots::smoothingWeight(40);
        QCOMPARE(valueAt(plots.batchLoss(), 1, 0), 4.0);
        QCOMPARE(valueAt(plots.batchLoss(), 1, 1),
                 ((1 - k) * k * 4.0 + k * 2.0) / ((1 - k) * k + k));
        // Raw values are kept as they came.
        QCOMPARE(valueAt(plots.batchLoss(), 0, 1), 2.0);
    }

    void epochsGoToLossAndAccuracyInPercent() {
        TrainingPlots plots;
        EpochSummary epoch;
        epoch.epoch = 1;
        epoch.trainLoss = 1.5;
        epoch.trainAccuracy = 0.4;
        epoch.testLoss = 1.25;
        epoch.testAccuracy = 0.5;
        plots.appendEpoch(epoch);
        QCOMPARE(valueAt(plots.epochLoss(), 0, 0), 1.5);
        QCOMPARE(valueAt(plots.epochLoss(), 1, 0), 1.25);
        QCOMPARE(valueAt(plots.accuracy(), 0, 0), 40.0);
        QCOMPARE(valueAt(plots.accuracy(), 1, 0), 50.0);
    }

    void showingARunReplacesWhatWasThere() {
        TrainingPlots plots;
        plots.appendBatches(batches(1, 10, {3.0}));
        RunRecord run;
        run.batches = batches(1, 3, {1.0});
        run.epochs.resize(1);
        run.epochs[0].epoch = 1;
        run.epochs[0].testAccuracy = 0.25;
        plots.showRun(run);
        QCOMPARE(plots.batchLoss()->pointCount(0), 3);
        QCOMPARE(valueAt(plots.batchLoss(), 1, 0), 1.0); // smoothing restarted too
        QCOMPARE(plots.accuracy()->pointCount(1), 1);
    }
};

QTEST_MAIN(TrainingPlotsTest)
#include "TrainingPlotsTest.moc"
