#pragma once

#include "core/data/DatasetIdentity.hpp"
#include "core/evaluation/ConfusionMatrix.hpp"
#include "core/evaluation/SamplePrediction.hpp"
#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <string>
#include <vector>

namespace inception {

// Plain values that leave the trainer: no tensors, safe to copy across threads.

// What a run is: the network, its settings, its data and the data's class names. Run
// descriptions, checkpoints and run records each carry one.
struct RunSetup {
    ModelSpec spec;
    TrainingConfig config;
    DatasetIdentity dataset;
    std::vector<std::string> classNames;
    // What config.precision became when the run first started; a resumed run keeps it.
    PrecisionChoice precision;
};

struct RunDescription : RunSetup {
    int threads = 1;
    std::string device = "cpu";
    std::string cpu;    // the processor's name, with every figure the run measures
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
    double elapsedSeconds = 0.0;  // the run's seconds up to the end of this epoch, without pauses
    double imagesPerSecond = 0.0; // training images per second of training
    double evalImagesPerSecond = 0.0; // test images per second of the evaluation
    ConfusionMatrix confusion;        // test set, rows true
};

// Pruned: stopped for good by an experiment's successive halving (its checkpoints kept: a user
// may resume it by hand).
enum class RunStatus { Running, Finished, Stopped, Failed, Pruned };
std::string toString(RunStatus status);
// Throws InputError at `where` (the file it came from) for a name that is not a status.
RunStatus parseRunStatus(const std::string& text, const std::string& where);

// Why a run failed, for front ends that answer each cause differently (the CLI's exit codes).
enum class FailureCause {
    None,
    BadInput,    // a file, a setting or the data (InputError)
    Diverged,    // the loss was not finite
    GroupFailed, // data-parallel: a rank died or hung, or the network failed
    Internal,    // anything else: LibTorch, a broken invariant such as replicas that differ
};

struct RunOutcome {
    RunStatus status = RunStatus::Running;
    FailureCause cause = FailureCause::None;
    std::string message; // why it failed or stopped
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
