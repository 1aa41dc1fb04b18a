#pragma once

#include "core/model/GoogLeNet.hpp"
#include "core/training/TrainingEvents.hpp"

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace inception {

constexpr int kCheckpointFormatVersion = 1;

// Everything about a training run's position except the tensors.
struct CheckpointMeta : RunSetup {
    int epochsCompleted = 0;
    int batchesIntoEpoch = 0; // > 0 for a checkpoint taken mid-epoch (a stop)
    double partialLossSum = 0.0;
    std::int64_t partialCorrect = 0;
    std::int64_t partialSeen = 0;
    double bestTestAccuracy = -1.0;
    std::vector<EpochSummary> history;
    std::string created;
};

struct CheckpointTensors {
    torch::Tensor rngState;   // torch's default CPU generator
    torch::Tensor epochOrder; // the shuffled order of the epoch in progress, if mid-epoch
};

// Writes a LibTorch archive to `path` atomically; the folder is made when missing. Throws
// InputError naming `path`, and leaves no temporary file behind.
void saveArchiveAtomically(const std::string& path, torch::serialize::OutputArchive& archive);

// Writes the whole training state to `path` atomically (temporary file, fsync, rename).
// `averaged`: the moving average of the weights (TrainingConfig::emaDecay), when the run keeps
// one; it is what the checkpoint's readers evaluate and export.
void saveCheckpoint(const std::string& path, const CheckpointMeta& meta, GoogLeNet& model,
                    const torch::optim::Optimizer* optimizer, const CheckpointTensors& tensors,
                    GoogLeNet* averaged = nullptr);

// Reads a checkpoint written by saveCheckpoint. Every failure is an InputError naming the
// file, and the tensor with both shapes when weights do not fit the spec.
class CheckpointReader {
public:
    explicit CheckpointReader(const std::string& path);
    ~CheckpointReader();

    const CheckpointMeta& meta() const { return meta_; }
    // A model built from the checkpoint's spec, with the weights it evaluates with.
    GoogLeNet model();
    // The weights the run evaluates with: the moving average when it keeps one, else the
    // trained weights.
    void loadWeights(GoogLeNet& model);
    // The weights the optimizer moves (to resume training).
    void loadTrainingWeights(GoogLeNet& model);
    bool hasAveragedWeights();
    void loadAveragedWeights(GoogLeNet& model);
    // False for imported weights: they were never trained here.
    bool hasOptimizerState();
    void loadOptimizer(torch::optim::Optimizer& optimizer);
    CheckpointTensors tensors();

private:
    void loadWeightsFrom(const char* entry, GoogLeNet& model);

    std::string path_;
    CheckpointMeta meta_;
    std::unique_ptr<torch::serialize::InputArchive> archive_;
};

} // namespace inception
