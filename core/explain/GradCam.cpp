#include "core/explain/GradCam.hpp"

#include <stdexcept>
#include <string>

namespace inception {

GradCamBatch gradCam(GoogLeNet& model, const torch::Tensor& input, const std::vector<int>& targets,
                     int unit) {
    if (unit < 0 || unit >= model->unitCount())
        throw std::invalid_argument("Grad-CAM: the model has no unit " + std::to_string(unit));
    const bool wasTraining = model->is_training();
    model->eval();
    // The units up to the chosen one run without a graph; the map is a leaf from there on.
    torch::Tensor activation;
    {
        torch::NoGradGuard noGrad;
        auto x = model->stem(input);
        for (int u = 0; u <= unit; ++u)
            x = model->unit(u)->forward(x);
        activation = x.to(torch::kFloat32).contiguous();
    }
    activation.requires_grad_(true);
    torch::AutoGradMode withGradients(true);
    auto x = activation;
    for (int u = unit + 1; u < model->unitCount(); ++u)
        x = model->unit(u)->forward(x);
    const auto logits = model->logits(model->pooledFeatures(x)).to(torch::kFloat32);
    model->train(wasTraining);

    auto chosen = torch::tensor(std::vector<std::int64_t>(targets.begin(), targets.end()));
    const auto predicted = logits.argmax(1);
    chosen = torch::where(chosen < 0, predicted, chosen);
    const auto score = logits.gather(1, chosen.unsqueeze(1)).sum();
    // Images are independent in eval mode: the gradient of the sum is each image's own.
    const auto gradient = torch::autograd::grad({score}, {activation})[0];

    GradCamBatch out;
    torch::NoGradGuard noGrad;
    const auto weights = gradient.mean({2, 3}, /*keepdim=*/true);
    out.raw = (weights * activation).sum(1).relu().detach();
    auto maps =
        torch::nn::functional::interpolate(
            out.raw.unsqueeze(1), torch::nn::functional::InterpolateFuncOptions()
                                      .size(std::vector<std::int64_t>{input.size(2), input.size(3)})
                                      .mode(torch::kBilinear)
                                      .align_corners(false))
            .squeeze(1);
    out.maps = maps / maps.amax({1, 2}, true).clamp_min(1e-12);
    out.targets = chosen;
    out.logits = logits.detach();
    return out;
}

} // namespace inception
