#pragma once

#include "core/training/CheckpointFiles.hpp"
#include "core/training/TrainingEvents.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// File names inside a run directory (see docs/run-directory.md).
namespace runfiles {
inline constexpr const char* kRunJson = "run.json";
inline constexpr const char* kMetrics = "metrics.jsonl";
inline constexpr const char* kLog = "log.txt";
inline constexpr const char* kPredictions = "predictions";
inline constexpr const char* kCheckpoints = "checkpoints";
std::string predictionsFile(int epoch); // predictions/epoch-003.bin
} // namespace runfiles

// `<run>/predictions/epoch-003.bin`, whether it exists or not.
std::string runPredictions(const std::string& runFolder, int epoch);

// Makes `<root>/<YYYYMMDD-HHMMSS>-<name>` (with -2, -3... when taken) and returns its path.
std::string createRunDirectory(const std::string& root, const std::string& name);

// Makes the run directory `folder` itself (its parents too); throws InputError when it
// exists already.
std::string createRunDirectoryAt(const std::string& folder);

// `<run>/checkpoints/last.ckpt` or `best.ckpt`, whether it exists or not.
std::string runCheckpoint(const std::string& runFolder, RunCheckpoint which);

// The run a checkpoint belongs to, when it lies in `<run>/checkpoints/`; empty otherwise.
std::string runDirectoryOfCheckpoint(const std::string& checkpoint);

// A run directory as read back, while it grows or after a kill.
struct RunRecord : RunSetup {
    std::string path;
    std::string name;
    RunStatus status = RunStatus::Running;
    std::string message;
    std::string started;
    std::string finished;
    // A data-parallel run's ranks and their backend (run.json's "distributed"); 1 otherwise.
    int worldSize = 1;
    std::string backend;
    std::string cpu; // the processor it ran on (run.json's "cpu"), empty for older runs
    std::vector<EpochSummary> epochs;
    std::vector<BatchProgress> batches;
    int skippedLines = 0;          // lines that could not be read (a last line cut short)
    std::int64_t metricsBytes = 0; // of metrics.jsonl read, a partial last line included

    double bestTestAccuracy() const;
    // Epochs trained here: an imported run's epoch 0 (its weights evaluated) is not one.
    int trainedEpochs() const;
    bool startsFromImportedWeights() const { return !epochs.empty() && epochs.front().epoch == 0; }
};

// Throws InputError when run.json is missing or unreadable; tolerates damaged metric lines.
RunRecord readRun(const std::string& folder);

// Gives a run a new display name (run.json's "name", replaced atomically); the folder keeps
// its name so that paths to its checkpoints stay valid.
void renameRun(const std::string& folder, const std::string& name);

// Marks a run that has ended (stopped) as pruned by an experiment, with why (run.json's
// "status" and "message", replaced atomically).
void markRunPruned(const std::string& folder, const std::string& message);

// Follows a run directory while it grows (written here, by the CLI or synced from another
// machine): each poll reads only the metric lines appended since the last one, and run.json
// again when it was replaced.
class RunFollower {
public:
    explicit RunFollower(std::string folder);

    // True when the record changed. Throws InputError when run.json is missing or damaged.
    bool poll();
    const RunRecord& record() const { return record_; }

private:
    friend RunRecord readRun(const std::string& folder);
    bool readRunJson();
    bool readMetrics();
    void applyMetricLine(const std::string& line);

    RunRecord record_;
    std::int64_t metricsOffset_ = 0;
    std::string partialLine_; // the last line while it is still being written
    std::int64_t runJsonStamp_ = -1;
};

} // namespace inception
