#pragma once

#include "core/ConfusionMatrix.hpp"
#include "core/DatasetIdentity.hpp"
#include "core/ModelSpec.hpp"
#include "core/TrainingConfig.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// Plain values that leave the trainer: no tensors, safe to copy across threads.

struct RunDescription {
    ModelSpec spec;
    TrainingConfig config;
    DatasetIdentity dataset;
    std::vector<std::string> classNames;
    int threads = 1;
    std::string device = "cpu";
    int startEpoch = 1; // 1-based epoch the run starts (or resumes) in
    int startBatch = 0; // batches of startEpoch already done (a resumed mid-epoch stop)
    int batchesPerEpoch = 0;
    // Data-parallel runs: the ranks and how they talk; each takes a part of every batch of
    // config.batchSize images (the effective batch, at config.learningRate).
    int worldSize = 1;
    std::string backend;
    bool checkReplicas = false;
};

struct BatchProgress {
    int epoch = 0; // 1-based
    int epochs = 0;
    int batch = 0; // 1-based
    int batches = 0;
    double loss = 0.0;
    double learningRate = 0.0;
    double imagesPerSecond = 0.0; // since the epoch began
};

struct EpochSummary {
    int epoch = 0;
    int epochs = 0;
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double testLoss = 0.0;
    double testAccuracy = 0.0;
    double learningRate = 0.0;
    double seconds = 0.0;         // training and evaluation
    double imagesPerSecond = 0.0; // training images per second of training
    ConfusionMatrix confusion;    // test set, rows true
};

constexpr int kTopPredictions = 5;

// One test image's prediction: its true class and the most probable classes.
struct SamplePrediction {
    std::int32_t index = 0; // position in the test split
    std::int16_t trueClass = 0;
    std::int16_t predicted = 0;
    std::array<std::int16_t, kTopPredictions> topClasses{};
    std::array<float, kTopPredictions> topProbabilities{};
};

enum class RunStatus { Running, Finished, Stopped, Failed };
std::string toString(RunStatus status);
RunStatus parseRunStatus(const std::string& text);

struct RunOutcome {
    RunStatus status = RunStatus::Running;
    bool diverged = false;
    bool groupFailed = false; // data-parallel: a rank died or hung, or the network failed
    std::string message;      // why it failed or stopped
    int epochsCompleted = 0;
    std::string checkpoint; // the last checkpoint written, if any
};

// Receives the trainer's events on the trainer's thread. Implementations must not throw
// into the trainer for anything but a failure that should end the run.
class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void runStarted(const RunDescription&) {}
    virtual void batchFinished(const BatchProgress&) {}
    virtual void epochFinished(const EpochSummary&, const std::vector<SamplePrediction>&) {}
    virtual void checkpointSaved(const std::string& /*path*/) {}
    // A checkpoint asked for through TrainingControl could not be written; training goes on.
    virtual void checkpointFailed(const std::string& /*path*/, const std::string& /*message*/) {}
    virtual void runEnded(const RunOutcome&) {}
};

} // namespace inception
