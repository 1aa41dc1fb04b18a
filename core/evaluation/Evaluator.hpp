#pragma once

#include "core/data/Dataset.hpp"
#include "core/evaluation/ConfusionMatrix.hpp"
#include "core/evaluation/SamplePrediction.hpp"
#include "core/evaluation/TestTimeAugmentation.hpp"
#include "core/model/GoogLeNet.hpp"

#include <vector>

namespace inception {

struct EvaluationResult {
    double loss = 0.0; // mean cross-entropy
    ConfusionMatrix confusion;
    std::vector<SamplePrediction> predictions; // filled when asked for

    double accuracy() const { return confusion.accuracy(); }
};

// Images per evaluation batch: without gradients, larger batches cost little memory.
constexpr int kEvaluationBatch = 256;

// Runs `model` over `split` in eval mode without gradients; restores the model's mode. With
// `tta` Flip the logits are the mean of the image's and its mirror image's.
EvaluationResult evaluate(GoogLeNet& model, const DatasetSplit& split, int classes,
                          const torch::Device& device, int batchSize, bool withPredictions,
                          TestTimeAugmentation tta = TestTimeAugmentation::None);

// The model's logits for a batch of model input (N x C x H x W), in float32, under `tta`.
torch::Tensor evaluationLogits(GoogLeNet& model, const torch::Tensor& input,
                               TestTimeAugmentation tta);

class Collectives;

// Data-parallel evaluation: each rank runs the model over its shard of `split` (shardOf), then
// the ranks sum their losses, confusion matrices and predictions, so every rank returns what
// evaluate() over the whole split returns.
EvaluationResult evaluateSharded(GoogLeNet& model, const DatasetSplit& split, int classes,
                                 const torch::Device& device, int batchSize,
                                 Collectives& collectives,
                                 TestTimeAugmentation tta = TestTimeAugmentation::None);

} // namespace inception
