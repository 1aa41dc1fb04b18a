// Evaluation sharded over a real Gloo group of ranks equals evaluation of the whole split;
// test-time augmentation averages what it says it averages.
#include "core/evaluation/Evaluator.hpp"

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
