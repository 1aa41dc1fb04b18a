// Test-time augmentation averages what it says it averages, through evaluate() too.
#include "core/evaluation/TestTimeAugmentation.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/evaluation/Evaluator.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace inception {
namespace {

TEST(TestTimeAugmentationTest, FlipAveragesTheLogitsOfTheImageAndItsMirror) {
    const Dataset data =
        makeSyntheticDataset({.trainPerClass = 1, .testPerClass = 4, .side = 32, .seed = 7});
    torch::manual_seed(3);
    GoogLeNet model(tinySpec());
    initializeWeights(model);
    model->eval();
    torch::NoGradGuard noGrad;
    const auto input = toModelInput(data.test.images);
    const auto plain = model->forward(input);
    const auto mirrored = model->forward(input.flip({3}));
    const auto averaged = evaluationLogits(model, input, TestTimeAugmentation::Flip);
    EXPECT_TRUE(torch::allclose(averaged, (plain + mirrored) / 2, 1e-6, 1e-6));
    EXPECT_FALSE(torch::allclose(plain, mirrored, 1e-3, 1e-3)); // the mirror is another input
    EXPECT_TRUE(torch::equal(evaluationLogits(model, input, TestTimeAugmentation::None), plain));

    const EvaluationResult result = evaluate(model, data.test, data.classes(), torch::kCPU, 16,
                                             true, TestTimeAugmentation::Flip);
    const auto probabilities = torch::softmax(averaged, 1);
    const auto labels = data.test.labels;
    ASSERT_EQ(result.predictions.size(), static_cast<std::size_t>(labels.size(0)));
    double lossSum = 0.0;
    for (std::size_t i = 0; i < result.predictions.size(); ++i) {
        const auto row = static_cast<std::int64_t>(i);
        EXPECT_EQ(result.predictions[i].predicted, averaged[row].argmax().item<std::int64_t>());
        EXPECT_NEAR(result.predictions[i].topProbabilities[0],
                    probabilities[row].max().item<float>(), 1e-6);
        lossSum -= std::log(probabilities[row][labels[row].item<std::int64_t>()].item<double>());
    }
    EXPECT_NEAR(result.loss, lossSum / static_cast<double>(labels.size(0)), 1e-5);
}

TEST(TestTimeAugmentationTest, NamesReadBack) {
    EXPECT_EQ(parseTestTimeAugmentation("flip", "--tta"), TestTimeAugmentation::Flip);
    EXPECT_EQ(toString(TestTimeAugmentation::None), "none");
    EXPECT_THROW(parseTestTimeAugmentation("crop", "--tta"), InputError);
}

} // namespace
} // namespace inception
