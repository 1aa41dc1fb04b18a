#pragma once

#include "core/model/GoogLeNet.hpp"
#include "core/profiling/LayerProfile.hpp"

#include <torch/torch.h>

namespace inception {

// Runs `steps` training steps (forward, cross-entropy, backward; no optimizer) of `model` on
// one batch after a warm-up step, timing each part of the forward pass with a clock around it
// (CPU tensors compute synchronously) and the backward pass with gradient hooks on each unit's
// output: the engine reaches a unit's output gradient once everything above it is done.
// Also returns the logits of the last step, which equal model->forward's.
LayerProfile profileLayers(GoogLeNet& model, const torch::Tensor& input,
                           const torch::Tensor& labels, int steps, torch::Tensor* logits = nullptr);

} // namespace inception
