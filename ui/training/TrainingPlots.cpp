#include "ui/training/TrainingPlots.hpp"

#include "ui/common/Palette.hpp"
#include "ui/common/PlotView.hpp"

#include <QGridLayout>

#include <algorithm>

namespace inception::ui {

namespace {
enum BatchSeries { kRawLoss, kSmoothedLoss };
enum EpochSeries { kTrainSeries, kTestSeries };

double epochPosition(const BatchProgress& batch) {
    return batch.epoch - 1 + static_cast<double>(batch.batch) / std::max(1, batch.batches);
}
} // namespace

TrainingPlots::TrainingPlots(QWidget* parent) : QWidget(parent) {
    batchLoss_ = new PlotView(tr("Batch loss"), tr("epoch"), tr("loss"), this);
    batchLoss_->addSeries(tr("batch"), palette::kRaw, 1.0);
    batchLoss_->addSeries(tr("smoothed"), palette::kSmoothed, 2.0);

    epochLoss_ = new PlotView(tr("Loss per epoch"), tr("epoch"), tr("loss"), this);
    epochLoss_->addSeries(tr("train"), palette::kTrain, 2.0, true);
    epochLoss_->addSeries(tr("test"), palette::kTest, 2.0, true);

    accuracy_ = new PlotView(tr("Accuracy per epoch"), tr("epoch"), tr("accuracy (%)"), this);
    accuracy_->addSeries(tr("train"), palette::kTrain, 2.0, true);
    accuracy_->addSeries(tr("test"), palette::kTest, 2.0, true);
    accuracy_->setLegendCorner(Qt::AlignBottom | Qt::AlignRight); // accuracy rises

    learningRate_ = new PlotView(tr("Learning rate"), tr("epoch"), tr("learning rate"), this);
    learningRate_->addSeries(tr("learning rate"), palette::kLearningRate, 2.0);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    grid->addWidget(batchLoss_, 0, 0);
    grid->addWidget(epochLoss_, 0, 1);
    grid->addWidget(accuracy_, 1, 0);
    grid->addWidget(learningRate_, 1, 1);
}

void TrainingPlots::setTarget(double accuracy) {
    if (!target_) {
        target_ = new QCPItemStraightLine(accuracy_);
        target_->setPen(QPen(palette::kTest, 1.0, Qt::DashLine));
    }
    target_->setVisible(accuracy > 0.0);
    target_->point1->setCoords(0, 100 * accuracy);
    target_->point2->setCoords(1, 100 * accuracy);
    accuracy_->refresh();
}

double TrainingPlots::smoothingWeight(int batchesPerEpoch) {
    // An average over about a quarter of an epoch (2 / (span + 1), as for an N-span EMA),
    // never smoother than kSmoothing: with few batches an epoch, a fixed weight would lag by
    // whole epochs.
    const double span = std::max(1.0, batchesPerEpoch / 4.0);
    return std::clamp(2.0 / (span + 1.0), kSmoothing, 1.0);
}

void TrainingPlots::clear() {
    for (PlotView* plot : {batchLoss_, epochLoss_, accuracy_, learningRate_})
        plot->clearData();
    movingAverage_ = 0.0;
    averageWeight_ = 0.0;
    lastPosition_ = -1.0;
}

void TrainingPlots::appendBatches(const std::vector<BatchProgress>& batches) {
    QVector<double> x, loss, smoothed, rate;
    x.reserve(static_cast<qsizetype>(batches.size()));
    for (const BatchProgress& batch : batches) {
        // A run only moves forward: a batch already drawn (read from the run's file, then
        // arriving live) is not drawn twice.
        if (epochPosition(batch) <= lastPosition_)
            continue;
        lastPosition_ = epochPosition(batch);
        // An exponential moving average, debiased as TensorBoard does, so that the first
        // batches are not pulled towards zero or towards the very first loss.
        const double weight = smoothingWeight(batch.batches);
        movingAverage_ = (1 - weight) * movingAverage_ + weight * batch.loss;
        averageWeight_ = (1 - weight) * averageWeight_ + weight;
        x << epochPosition(batch);
        loss << batch.loss;
        smoothed << movingAverage_ / averageWeight_;
        rate << batch.learningRate;
    }
    batchLoss_->appendPoints(kRawLoss, x, loss);
    batchLoss_->appendPoints(kSmoothedLoss, x, smoothed);
    learningRate_->appendPoints(0, x, rate);
}

void TrainingPlots::appendEpoch(const EpochSummary& epoch) {
    const QVector<double> x{static_cast<double>(epoch.epoch)};
    epochLoss_->appendPoints(kTrainSeries, x, {epoch.trainLoss});
    epochLoss_->appendPoints(kTestSeries, x, {epoch.testLoss});
    accuracy_->appendPoints(kTrainSeries, x, {100.0 * epoch.trainAccuracy});
    accuracy_->appendPoints(kTestSeries, x, {100.0 * epoch.testAccuracy});
}

void TrainingPlots::showRun(const RunRecord& run) {
    clear();
    setTarget(run.config.targetAccuracy);
    appendBatches(run.batches);
    for (const EpochSummary& epoch : run.epochs)
        appendEpoch(epoch);
}

} // namespace inception::ui
