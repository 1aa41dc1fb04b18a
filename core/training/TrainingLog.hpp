#pragma once

#include "core/training/TrainingEvents.hpp"

#include <functional>
#include <string>
#include <vector>

namespace inception {

// The notebook's line: `Epoch [ 1 /30 ]  Batch [ 50  / 196 ]  Loss: 1.9571`.
std::string formatBatchLine(const BatchProgress& batch);
// Every `interval` batches and at the last batch of an epoch, as in the notebook.
bool isLoggedBatch(const BatchProgress& batch, int interval);
std::string formatEpochLine(const EpochSummary& epoch);

// The matrix with labelled axes. Rows are true classes unless `notebookLayout` (rows
// predicted, as the notebook printed it).
std::string formatConfusionMatrix(const ConfusionMatrix& matrix,
                                  const std::vector<std::string>& classNames, bool notebookLayout);
std::string formatClassMetrics(const ConfusionMatrix& matrix,
                               const std::vector<std::string>& classNames);

// Human log lines of a run, handed to a sink (the console, log.txt), every
// `config.logInterval` batches of the run.
class TrainingLog : public TrainingObserver {
public:
    using Sink = std::function<void(const std::string& line)>;
    explicit TrainingLog(Sink sink);

    void runStarted(const RunDescription& run) override;
    void batchFinished(const BatchProgress& batch) override;
    void epochFinished(const EpochSummary& epoch, const std::vector<SamplePrediction>&) override;
    void runEnded(const RunOutcome& outcome) override;

private:
    Sink sink_;
    int interval_ = TrainingConfig{}.logInterval;
    std::vector<std::string> classNames_;
    ConfusionMatrix lastConfusion_;
    double target_ = 0.0;
    bool targetReported_ = false;
};

} // namespace inception
