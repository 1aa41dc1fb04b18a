#pragma once

#include "core/runs/RunDirectory.hpp"
#include "core/training/TrainingLog.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace inception {

// Writes a run directory as training goes: run.json (replaced atomically at each change of
// status), metrics.jsonl and log.txt (appended and flushed line by line) and one
// predictions file per epoch, and summary.json (RunSummary) after each of them. Resuming into
// an existing run appends to it.
class RunRecorder : public TrainingObserver {
public:
    explicit RunRecorder(std::string folder);

    const std::string& folder() const { return folder_; }
    std::string checkpointFolder() const;

    void runStarted(const RunDescription& run) override;
    void batchFinished(const BatchProgress& batch) override;
    void epochFinished(const EpochSummary& epoch,
                       const std::vector<SamplePrediction>& predictions) override;
    void runEnded(const RunOutcome& outcome) override;

private:
    void writeRunJson();
    void appendMetric(const std::string& line);
    void writeSummary();

    std::string folder_;
    std::ofstream metrics_;
    std::ofstream logFile_;
    TrainingLog log_;
    nlohmann::json info_;
    double target_ = 0.0; // the run's target test accuracy, 0 for none
    std::string cpu_;
    RunFollower written_; // what this recorder wrote, read back for the summary
};

} // namespace inception
