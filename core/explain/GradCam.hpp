#pragma once

#include "core/model/GoogLeNet.hpp"

#include <torch/torch.h>

namespace inception {

// Grad-CAM (Selvaraju et al. 2017) at the output of Inception unit `unit` for a batch of model
// input (N x C x H x W): each channel of the unit's map weighted by the mean gradient of the
// target class's logit over it, summed, ReLU. `targets`: one class per image, -1 for the
// predicted class. The model runs in float32 and eval mode (restored after).
struct GradCamBatch {
    torch::Tensor raw;     // N x h x w, the unit's resolution
    torch::Tensor maps;    // N x H x W, bilinear to the input, each scaled to [0, 1]
    torch::Tensor targets; // N, the classes explained
    torch::Tensor logits;  // N x classes
};
GradCamBatch gradCam(GoogLeNet& model, const torch::Tensor& input, const std::vector<int>& targets,
                     int unit);

} // namespace inception
