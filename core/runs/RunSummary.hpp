#pragma once

#include "core/training/TimeToAccuracy.hpp"
#include "core/training/TrainingEvents.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace inception {

struct RunRecord;

// The lowest, highest and last value of a metric over a run's epochs.
struct MetricSpan {
    double min = 0.0;
    double max = 0.0;
    double last = 0.0;
    bool operator==(const MetricSpan&) const = default;
};

// What a table of runs shows of one run, small enough to read a thousand of in well under a
// second: kept as `summary.json` in the run directory, rewritten at every epoch and change of
// status, so a catalogue need not parse every metrics file.
struct RunSummary {
    std::string name;
    RunStatus status = RunStatus::Running;
    std::string message;
    std::string started;
    std::string finished;
    std::string model; // the spec's name
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    std::string dataKind;
    std::int64_t trainCount = 0;
    std::int64_t testCount = 0;
    std::string recipe;
    std::string precision;
    std::string cpu;
    int worldSize = 1;
    std::string backend; // of a data-parallel run
    int trainedEpochs = 0;
    int plannedEpochs = 0;
    bool imported = false; // its first epoch is imported weights evaluated
    std::optional<MetricSpan> testAccuracy;
    std::optional<MetricSpan> testLoss;
    int bestEpoch = 0; // the epoch of the highest test accuracy
    double targetAccuracy = 0.0;
    std::optional<TargetReached> reached;
    double elapsedSeconds = 0.0;  // to the end of the last epoch, without pauses
    double imagesPerSecond = 0.0; // the training's mean over its epochs
    // The size of metrics.jsonl summarized: the summary is current while the file has it.
    std::int64_t metricsBytes = 0;
};

inline constexpr const char* kRunSummaryFile = "summary.json";

RunSummary summarize(const RunRecord& run);

// summary.json's object (test_acc and test_loss as {"min", "max", "last"} or null).
nlohmann::json toJsonValue(const RunSummary& summary);

// Writes `<folder>/summary.json` atomically.
void writeRunSummary(const std::string& folder, const RunSummary& summary);

// The run's summary.json when it is current (metrics.jsonl has the size it summarized and
// run.json is not newer); none when it is absent, stale or damaged.
std::optional<RunSummary> readCurrentRunSummary(const std::string& folder);

// The current summary, or one made from the whole run directory when there is none (and then
// written, when the run has ended and the folder is writable). Throws InputError naming
// run.json when the folder is not a readable run.
RunSummary loadRunSummary(const std::string& folder);

} // namespace inception
