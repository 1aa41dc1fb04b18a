#include "core/explain/GradCam.hpp"

#include "core/training/Checkpoint.hpp"
#include "tests/support/QuarterShapes.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

// The share of each map's mass in the top-left quarter, averaged over the maps.
double topLeftShare(const torch::Tensor& maps) {
    const auto half = maps.size(1) / 2;
    const auto quarter = maps.slice(1, 0, half).slice(2, 0, half).sum({1, 2});
    return (quarter / maps.sum({1, 2}).clamp_min(1e-12)).mean().item<double>();
}

// The share of maps whose maximum lies in the top-left quarter.
double peaksInTopLeft(const torch::Tensor& maps) {
    const auto side = maps.size(2);
    const auto peak = maps.flatten(1).argmax(1);
    return ((peak / side) < maps.size(1) / 2)
        .logical_and((peak % side) < side / 2)
        .to(torch::kFloat32)
        .mean()
        .item<double>();
}

TEST(GradCam, MassLiesInTheQuarterThatDecidesTheClass) {
    test::TemporaryFolder folder;
    auto data = std::make_shared<const Dataset>(test::quarterShapeDataset(250, 30, 7));
    CheckpointReader reader(test::trainTinyModel(folder.path(), data, 15).string());
    GoogLeNet model = reader.model();
    const auto input = toModelInput(data->test.images);
    const std::vector<int> truth(data->test.labels.data_ptr<std::int64_t>(),
                                 data->test.labels.data_ptr<std::int64_t>() + data->test.size());
    const GradCamBatch last = gradCam(model, input, truth, model->unitCount() - 1);
    const auto right = last.logits.argmax(1).eq(data->test.labels);
    const double accuracy = right.to(torch::kFloat32).mean().item<double>();
    ASSERT_GT(accuracy, 0.8) << "the model did not learn";
    ASSERT_EQ(last.maps.sizes(), (std::vector<std::int64_t>{data->test.size(), 32, 32}));
    EXPECT_GE(last.maps.min().item<float>(), 0.0f);
    EXPECT_LE(last.maps.max().item<float>(), 1.0f + 1e-6f);

    // A map spread evenly would put a quarter of its mass there, and a quarter of the peaks.
    const GradCamBatch first = gradCam(model, input, truth, 0);
    const double firstShare = topLeftShare(first.maps.index({right}));
    const double lastShare = topLeftShare(last.maps.index({right}));
    const double lastPeaks = peaksInTopLeft(last.maps.index({right}));
    std::cout << "accuracy " << accuracy << "; Grad-CAM's mass in the deciding quarter: unit 0 "
              << firstShare << ", last unit " << lastShare << "; last unit's peaks there "
              << lastPeaks << '\n';
    EXPECT_GT(firstShare, 0.55);
    EXPECT_GT(lastShare, 0.45);
    EXPECT_GE(lastPeaks, 0.85);
}

TEST(GradCam, TargetsAreThePredictedClassUnlessNamed) {
    test::TemporaryFolder folder;
    ModelSpec spec = *preset("tiny");
    spec.head.classes = 4;
    GoogLeNet model(spec);
    initializeWeights(model);
    const auto input = torch::rand({3, 3, 32, 32});
    const GradCamBatch cams = gradCam(model, input, {-1, 2, -1}, 0);
    EXPECT_EQ(cams.targets[0].item<std::int64_t>(), cams.logits[0].argmax().item<std::int64_t>());
    EXPECT_EQ(cams.targets[1].item<std::int64_t>(), 2);
    // The first unit of tiny works at 8 x 8.
    EXPECT_EQ(cams.raw.sizes(), (std::vector<std::int64_t>{3, 8, 8}));
    EXPECT_TRUE(model->is_training()) << "the model's mode is restored";
    EXPECT_THROW(gradCam(model, input, {-1, -1, -1}, 2), std::invalid_argument);
}

} // namespace
} // namespace inception
