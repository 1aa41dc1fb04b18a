// Evaluation sharded over a real Gloo group of ranks equals evaluation of the whole split;
// test-time augmentation averages what it says it averages.
#include "core/evaluation/Evaluator.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/distributed/Distributed.hpp"
#include "tests/support/Ranks.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

using test::identicalModels;
using test::onRanks;

TEST(ShardedEvaluationTest, RanksTogetherGiveTheWholeSplitsResult) {
    const Dataset data =
        makeSyntheticDataset({.trainPerClass = 7, .testPerClass = 3, .side = 32, .seed = 2020});
    auto replicas = identicalModels(4);
    const EvaluationResult whole =
        evaluate(replicas[3], data.test, data.classes(), torch::kCPU, 16, true);
    const auto results = onRanks(3, [&](int rank, Communicator& group) {
        GoogLeNet replica = replicas[static_cast<std::size_t>(rank)];
        const EvaluationResult r = evaluateSharded(replica, data.test, data.classes(), torch::kCPU,
                                                   16, group.collectives());
        bool same = r.confusion == whole.confusion && std::abs(r.loss - whole.loss) < 1e-5 &&
                    r.predictions.size() == whole.predictions.size();
        for (std::size_t i = 0; same && i < r.predictions.size(); ++i) {
            const auto& a = r.predictions[i];
            const auto& b = whole.predictions[i];
            same = a.index == b.index && a.trueClass == b.trueClass && a.predicted == b.predicted &&
                   a.topClasses == b.topClasses &&
                   std::abs(a.topProbabilities[0] - b.topProbabilities[0]) < 1e-5f;
        }
        return std::string(same ? "same" : "differs");
    });
    for (const auto& result : results)
        EXPECT_EQ(result, "same");
}

} // namespace
} // namespace inception

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
