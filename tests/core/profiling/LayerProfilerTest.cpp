#include "core/profiling/LayerProfiler.hpp"

#include "core/spec/ModelAnalysis.hpp"
#include "core/spec/ModelSpec.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(LayerProfiler, TimesEveryPartAndComputesWhatTheModelComputes) {
    ModelSpec spec = tinySpec();
    spec.head.dropout = 0.0; // the profiled and the plain forward must draw nothing
    torch::manual_seed(3);
    GoogLeNet model(spec);
    initializeWeights(model);
    const auto input = torch::rand({8, 3, 32, 32});
    const auto labels = torch::randint(0, 10, {8}, torch::kInt64);
    torch::Tensor logits;
    const LayerProfile profile = profileLayers(model, input, labels, 2, &logits);
    model->train();
    EXPECT_TRUE(torch::allclose(logits, model->forward(input).detach(), 1e-5, 1e-6));

    // stem + its 4 layers (conv, ReLU, LRN, pool), 2 units x (1 + 4 branches + concat), head
    ASSERT_EQ(profile.layers.size(), 1u + 4u + 2u * 6u + 1u);
    EXPECT_EQ(profile.layers.front().name, "stem");
    EXPECT_EQ(profile.layers[1].name, "stem / conv 5x5/2");
    EXPECT_EQ(profile.layers[5].name, "unit 1");
    EXPECT_EQ(profile.layers[7].name, "unit 1 / 3x3");
    EXPECT_EQ(profile.layers.back().name, "head");
    std::int64_t macs = 0;
    for (const LayerTiming& layer : profile.layers) {
        EXPECT_GE(layer.forwardMs, 0.0) << layer.name;
        if (layer.branch) {
            EXPECT_LT(layer.backwardMs, 0.0) << layer.name;
        } else {
            EXPECT_GT(layer.backwardMs, 0.0) << layer.name;
            macs += layer.macs;
        }
    }
    EXPECT_EQ(macs, analyze(spec).macs); // the parts cover the whole network once
    // A unit's forward is its branches' and its concatenation's.
    double branches = 0.0;
    for (int b = 6; b <= 10; ++b)
        branches += profile.layers[static_cast<std::size_t>(b)].forwardMs;
    EXPECT_NEAR(profile.layers[5].forwardMs, branches, 1e-9);
}

} // namespace
} // namespace inception
