#include "core/training/Optimizers.hpp"

namespace inception {

namespace {

// An optimizer of kind `Optimizer` over the model's parameters. Without decay on batch norm and
// biases, those (the one-dimensional parameters) form a second group whose decay is 0.
template <typename Optimizer, typename Options>
std::unique_ptr<torch::optim::Optimizer> optimizerOver(const TrainingConfig& c, GoogLeNet& model,
                                                       const Options& options) {
    if (c.decayNormAndBias)
        return std::make_unique<Optimizer>(model->parameters(), options);
    std::vector<torch::Tensor> decayed, exempt;
    for (const auto& parameter : model->parameters())
        (parameter.dim() <= 1 ? exempt : decayed).push_back(parameter);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decayed);
    auto exemptOptions = std::make_unique<Options>(options);
    exemptOptions->weight_decay(0.0);
    groups.emplace_back(exempt, std::move(exemptOptions));
    return std::make_unique<Optimizer>(std::move(groups), options);
}

} // namespace

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainingConfig& c, GoogLeNet& model) {
    switch (c.optimizer) {
    case OptimizerKind::AdamW:
        return optimizerOver<torch::optim::AdamW>(
            c, model, torch::optim::AdamWOptions(c.learningRate).weight_decay(c.weightDecay));
    case OptimizerKind::Sgd:
        return optimizerOver<torch::optim::SGD>(c, model,
                                                torch::optim::SGDOptions(c.learningRate)
                                                    .momentum(c.momentum)
                                                    .nesterov(c.nesterov)
                                                    .weight_decay(c.weightDecay));
    case OptimizerKind::Adam:
        break;
    }
    return optimizerOver<torch::optim::Adam>(
        c, model, torch::optim::AdamOptions(c.learningRate).weight_decay(c.weightDecay));
}

void setLearningRate(torch::optim::Optimizer& optimizer, double rate) {
    for (auto& group : optimizer.param_groups())
        group.options().set_lr(rate);
}

} // namespace inception
