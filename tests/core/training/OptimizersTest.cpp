#include "core/training/Optimizers.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

double decayOf(torch::optim::OptimizerParamGroup& group) {
    return static_cast<torch::optim::SGDOptions&>(group.options()).weight_decay();
}

TEST(OptimizersTest, NormAndBiasLeaveTheDecayInAGroupOfTheirOwn) {
    ModelSpec spec = tinySpec();
    spec.batchNorm = true;
    GoogLeNet model(spec);
    TrainingConfig c;
    c.optimizer = OptimizerKind::Sgd;
    c.weightDecay = 5e-4;
    auto together = makeOptimizer(c, model);
    ASSERT_EQ(together->param_groups().size(), 1u);
    EXPECT_EQ(together->param_groups()[0].params().size(), model->parameters().size());
    EXPECT_DOUBLE_EQ(decayOf(together->param_groups()[0]), 5e-4);

    c.decayNormAndBias = false;
    auto apart = makeOptimizer(c, model);
    ASSERT_EQ(apart->param_groups().size(), 2u);
    auto& decayed = apart->param_groups()[0];
    auto& exempt = apart->param_groups()[1];
    EXPECT_DOUBLE_EQ(decayOf(decayed), 5e-4);
    EXPECT_DOUBLE_EQ(decayOf(exempt), 0.0);
    std::size_t weights = 0, oneDimensional = 0;
    for (const auto& parameter : model->named_parameters()) {
        const bool isWeightMatrix = parameter.value().dim() > 1;
        (isWeightMatrix ? weights : oneDimensional) += 1;
        // Batch norm's weights and every bias are one-dimensional.
        if (parameter.key().find("bias") != std::string::npos) {
            EXPECT_FALSE(isWeightMatrix) << parameter.key();
        }
    }
    EXPECT_EQ(decayed.params().size(), weights);
    EXPECT_EQ(exempt.params().size(), oneDimensional);
    for (const auto& p : exempt.params())
        EXPECT_EQ(p.dim(), 1);

    setLearningRate(*apart, 0.25);
    for (auto& group : apart->param_groups())
        EXPECT_DOUBLE_EQ(group.options().get_lr(), 0.25);
}

} // namespace
} // namespace inception
