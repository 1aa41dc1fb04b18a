#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <string>

namespace inception {

// Weights trained elsewhere (a PyTorch state_dict) brought in as a checkpoint of this workbench.
struct WeightsImportRequest {
    std::string stateDict; // the .pt file torch.save(model.state_dict()) wrote
    ModelSpec spec;        // the model those weights belong to
    // Settings a later resume (fine-tuning from these weights) starts with.
    TrainingConfig config;
};

// Writes a checkpoint holding the imported weights (no optimizer state, no epochs; the
// dataset is unknown, so it may be resumed on any data that fits the model). Class names are
// CIFAR-10's for a 10-class model, "class 0", "class 1", ... otherwise. Throws InputError naming
// the file, the tensor and both shapes when the weights do not fit the spec.
void importWeightsAsCheckpoint(const WeightsImportRequest& request, const std::string& out);

struct ImportedRun {
    std::string folder;
    std::string checkpoint;
    double testAccuracy = 0.0;
};

// Makes a run directory in `runsFolder` for the imported weights, evaluated on the test split
// of `dataSpec`: epoch 0 in metrics.jsonl (test loss, accuracy, confusion; no training
// figures), its predictions for the error browser, and checkpoints/last.ckpt and best.ckpt.
// Resuming that checkpoint fine-tunes the weights on the same data.
ImportedRun importWeightsAsRun(const WeightsImportRequest& request, const std::string& dataSpec,
                               const std::string& runsFolder, const std::string& name);

} // namespace inception
