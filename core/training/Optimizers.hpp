#pragma once

#include "core/model/GoogLeNet.hpp"
#include "core/training/TrainingConfig.hpp"

#include <torch/torch.h>

#include <memory>

namespace inception {

// The optimizer `config` names over `model`'s parameters, at config.learningRate. Without
// decay on batch norm and biases (config.decayNormAndBias false) the one-dimensional
// parameters form a second group whose weight decay is 0.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingConfig& config,
                                                       GoogLeNet& model);

// Sets the learning rate of every parameter group.
void setLearningRate(torch::optim::Optimizer& optimizer, double rate);

} // namespace inception
