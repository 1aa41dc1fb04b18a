#pragma once

#include "core/training/TrainingControl.hpp"
#include "core/training/TrainingEvents.hpp"

#include <functional>
#include <vector>

namespace inception::test {

// Keeps every event a trainer sends; `onBatch` may act on the run (pause, cancel).
class RecordingObserver : public TrainingObserver {
public:
    std::vector<RunDescription> starts;
    std::vector<BatchProgress> batches;
    std::vector<EpochSummary> epochs;
    std::vector<std::vector<SamplePrediction>> predictions;
    std::vector<std::string> checkpoints;
    std::vector<std::string> checkpointFailures;
    std::vector<RunOutcome> ends;
    std::function<void(const BatchProgress&)> onBatch;

    void runStarted(const RunDescription& d) override { starts.push_back(d); }
    void batchFinished(const BatchProgress& b) override {
        batches.push_back(b);
        if (onBatch)
            onBatch(b);
    }
    void epochFinished(const EpochSummary& e, const std::vector<SamplePrediction>& p) override {
        epochs.push_back(e);
        predictions.push_back(p);
    }
    void checkpointSaved(const std::string& path) override { checkpoints.push_back(path); }
    void checkpointFailed(const std::string&, const std::string& message) override {
        checkpointFailures.push_back(message);
    }
    void runEnded(const RunOutcome& o) override { ends.push_back(o); }

    std::vector<double> losses() const {
        std::vector<double> out;
        for (const auto& b : batches)
            out.push_back(b.loss);
        return out;
    }
};

} // namespace inception::test
