#include "core/model/GoogLeNet.hpp"

#include "core/spec/ModelAnalysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace inception {
namespace {

std::vector<std::string> expectedSeedNames() {
    std::vector<std::string> names = {"conv1.0.weight", "conv1.0.bias"};
    for (int u = 0; u < 5; ++u) {
        const std::string p = "inception2." + std::to_string(u) + ".";
        for (const char* layer : {"feature1_1.0", "feature3_3.0", "feature3_3.2", "feature5_5.0",
                                  "feature5_5.2", "parallelPool.1"}) {
            names.push_back(p + layer + ".weight");
            names.push_back(p + layer + ".bias");
        }
    }
    names.push_back("classifier.2.weight");
    names.push_back("classifier.2.bias");
    return names;
}

TEST(GoogLeNetTest, StateDictNamesMatchTheNotebook) {
    GoogLeNet model(seedSpec());
    std::vector<std::string> names;
    for (const auto& p : model->named_parameters())
        names.push_back(p.key());
    EXPECT_EQ(names, expectedSeedNames());
    EXPECT_TRUE(model->named_buffers().is_empty());
}

TEST(GoogLeNetTest, ParameterShapesAndCountFollowTheSpec) {
    for (const ModelSpec& spec : {seedSpec(), tinySpec()}) {
        GoogLeNet model(spec);
        std::int64_t count = 0;
        for (const auto& p : model->parameters())
            count += p.numel();
        EXPECT_EQ(count, analyze(spec).parameters) << spec.name;
    }
    GoogLeNet seed(seedSpec());
    const auto params = seed->named_parameters();
    EXPECT_EQ(params["conv1.0.weight"].sizes(), (std::vector<std::int64_t>{64, 3, 7, 7}));
    EXPECT_EQ(params["inception2.2.feature3_3.2.weight"].sizes(),
              (std::vector<std::int64_t>{112, 56, 3, 3}));
    EXPECT_EQ(params["inception2.4.feature5_5.2.weight"].sizes(),
              (std::vector<std::int64_t>{80, 24, 5, 5}));
    EXPECT_EQ(params["classifier.2.weight"].sizes(), (std::vector<std::int64_t>{10, 256}));
}

TEST(GoogLeNetTest, BatchNormFollowsEveryConvolutionAndTheAnalysisNamesIt) {
    ModelSpec spec = tinySpec();
    spec.batchNorm = true;
    GoogLeNet model(spec);
    std::set<std::string> names;
    std::int64_t count = 0;
    for (const auto& p : model->named_parameters()) {
        names.insert(p.key());
        count += p.value().numel();
    }
    const ModelAnalysis analysis = analyze(spec);
    EXPECT_EQ(count, analysis.parameters);
    // Every layer with parameters in the analysis is in the model under the same name.
    for (const LayerInfo& layer : analysis.layers) {
        if (layer.parameters > 0) {
            EXPECT_TRUE(names.contains(layer.name + ".weight")) << layer.name;
        }
    }
    EXPECT_TRUE(names.contains("inception2.0.feature3_3.4.weight")); // conv, BN, ReLU, conv, BN
    EXPECT_TRUE(names.contains("inception2.0.feature3_3.3.weight"));
    model->train();
    EXPECT_EQ(model->forward(torch::rand({4, 3, 32, 32})).sizes(),
              (std::vector<std::int64_t>{4, 10}));
}

TEST(GoogLeNetTest, ForwardGivesOneLogitPerClass) {
    torch::manual_seed(1);
    GoogLeNet model(seedSpec());
    model->eval();
    const auto out = model->forward(torch::rand({3, 3, 32, 32}));
    EXPECT_EQ(out.sizes(), (std::vector<std::int64_t>{3, 10}));
    EXPECT_TRUE(torch::isfinite(out).all().item<bool>());
}

TEST(GoogLeNetTest, WithoutStemPoolTheNetworkStillEndsInOneVectorPerImage) {
    ModelSpec spec = tinySpec();
    spec.stem.maxPool = false;
    spec.stem.localResponseNorm = false;
    spec.head.classes = 7;
    GoogLeNet model(spec);
    model->eval();
    EXPECT_EQ(model->forward(torch::rand({2, 3, 32, 32})).sizes(),
              (std::vector<std::int64_t>{2, 7}));
    // Without LRN and pool the classifier keeps its notebook index.
    EXPECT_TRUE(model->named_parameters().contains("classifier.2.weight"));
}

TEST(GoogLeNetTest, APoolAfterAUnitHalvesItsMapAndKeepsTheStateDictNames) {
    ModelSpec spec = tinySpec();
    spec.stem.maxPool = false; // 32 x 32 into the first unit
    GoogLeNet plain(spec);
    spec.units[0].poolAfter = true;
    GoogLeNet pooled(spec);
    EXPECT_EQ(analyze(spec).units[0].output.height, 8); // stem 5x5/2: 16, pooled: 8
    EXPECT_EQ(analyze(spec).units[1].output.height, 8);
    std::vector<std::string> names, pooledNames;
    for (const auto& p : plain->named_parameters())
        names.push_back(p.key());
    for (const auto& p : pooled->named_parameters())
        pooledNames.push_back(p.key());
    EXPECT_EQ(pooledNames, names);
    copyWeights(plain, pooled);
    plain->eval();
    pooled->eval();
    torch::NoGradGuard noGrad;
    const auto images = torch::rand({2, 3, 32, 32});
    EXPECT_EQ(pooled->forward(images).sizes(), (std::vector<std::int64_t>{2, 10}));
    // Same weights, another network: the pool changes what the head sees.
    EXPECT_FALSE(torch::allclose(pooled->forward(images), plain->forward(images)));
}

TEST(GoogLeNetTest, InitialisationIsKaimingNormalWithStandardNormalBiases) {
    torch::manual_seed(2020);
    GoogLeNet model(seedSpec());
    initializeWeights(model);
    const auto params = model->named_parameters();
    const auto w = params["inception2.4.feature3_3.2.weight"]; // fan in 112 * 9
    const double expectedStd = std::sqrt(2.0 / (112.0 * 9.0));
    EXPECT_NEAR(w.std().item<double>(), expectedStd, 0.05 * expectedStd);
    EXPECT_NEAR(w.mean().item<double>(), 0.0, 0.05 * expectedStd);
    torch::Tensor biases = torch::cat({params["inception2.4.feature3_3.2.bias"],
                                       params["inception2.2.feature3_3.2.bias"],
                                       params["inception2.3.feature3_3.2.bias"]});
    EXPECT_NEAR(biases.std().item<double>(), 1.0, 0.15);
}

TEST(GoogLeNetTest, SameSeedSameWeights) {
    auto build = [](int seed) {
        torch::manual_seed(seed);
        GoogLeNet model(tinySpec());
        initializeWeights(model);
        return model;
    };
    auto a = build(5), b = build(5), c = build(6);
    const auto pa = a->parameters(), pb = b->parameters(), pc = c->parameters();
    bool anyDifferent = false;
    for (std::size_t i = 0; i < pa.size(); ++i) {
        EXPECT_TRUE(torch::equal(pa[i], pb[i]));
        anyDifferent |= !torch::equal(pa[i], pc[i]);
    }
    EXPECT_TRUE(anyDifferent);
}

} // namespace
} // namespace inception

namespace inception {
namespace {

// The channels-last LRN gives LibTorch's LocalResponseNorm, values and gradients.
TEST(ChannelLrnTest, MatchesLibTorchsLocalResponseNormForwardAndBackward) {
    torch::manual_seed(4);
    for (const std::int64_t size : {5, 3, 4}) {
        for (const double beta : {0.75, 0.6}) {
            const auto options =
                torch::nn::LocalResponseNormOptions(size).alpha(0.01).beta(beta).k(2.0);
            ChannelLrn ours(options);
            torch::nn::LocalResponseNorm theirs(options);
            for (const auto format :
                 {torch::MemoryFormat::ChannelsLast, torch::MemoryFormat::Contiguous}) {
                const auto x =
                    (torch::randn({3, 7, 5, 6}) * 3).contiguous(format).requires_grad_(true);
                const auto y = x.detach().clone().requires_grad_(true);
                const auto a = ours->forward(x);
                const auto b = theirs->forward(y);
                EXPECT_TRUE(torch::allclose(a, b, 1e-5, 1e-6)) << "size " << size;
                const auto weights = torch::randn_like(b);
                (a * weights).sum().backward();
                (b * weights).sum().backward();
                EXPECT_TRUE(torch::allclose(x.grad(), y.grad(), 1e-5, 1e-6)) << "size " << size;
            }
        }
    }
}

} // namespace
} // namespace inception
