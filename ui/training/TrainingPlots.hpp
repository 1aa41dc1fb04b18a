#pragma once

#include "core/runs/RunDirectory.hpp"
#include "core/training/TrainingEvents.hpp"

#include <QWidget>

#include <vector>

class QCPItemStraightLine;

namespace inception::ui {

class PlotView;

// The four live plots of a run: batch loss (raw and smoothed), loss and accuracy per epoch
// (train and test), and the learning rate. Every x axis is in epochs, so a batch at the
// middle of epoch 3 sits at 2.5 and the plots line up.
class TrainingPlots : public QWidget {
    Q_OBJECT

public:
    explicit TrainingPlots(QWidget* parent = nullptr);

    void clear();
    // A dashed line across the accuracy plot at the run's target (a share; 0: none).
    void setTarget(double accuracy);
    void appendBatches(const std::vector<BatchProgress>& batches);
    void appendEpoch(const EpochSummary& epoch);
    // Replaces everything with a run read from its directory.
    void showRun(const RunRecord& run);

    PlotView* batchLoss() const { return batchLoss_; }
    PlotView* epochLoss() const { return epochLoss_; }
    PlotView* accuracy() const { return accuracy_; }
    PlotView* learningRate() const { return learningRate_; }

    // Weight of the newest batch in the smoothed loss (an exponential moving average): about
    // a quarter epoch's span, and at most as smooth as kSmoothing (a 39-batch span).
    static constexpr double kSmoothing = 0.05;
    static double smoothingWeight(int batchesPerEpoch);

private:
    PlotView* batchLoss_;
    PlotView* epochLoss_;
    PlotView* accuracy_;
    PlotView* learningRate_;
    double movingAverage_ = 0.0;
    double averageWeight_ = 0.0;
    double lastPosition_ = -1.0; // of the last batch drawn, in epochs
    QCPItemStraightLine* target_ = nullptr;
};

} // namespace inception::ui
