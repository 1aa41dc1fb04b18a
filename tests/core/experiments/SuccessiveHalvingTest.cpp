// Successive halving's verdicts and the accuracy-cost Pareto front.
#include "core/experiments/SuccessiveHalving.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace inception {
namespace {

using V = Verdict;

TEST(SuccessiveHalving, KeepsTheBestShareOfTheRace) {
    const std::vector<std::optional<double>> scores{0.5, 0.9, 0.1, 0.7, 0.3, 0.6};
    const auto verdicts = halvingVerdicts(scores, std::vector<bool>(6, true), 1.0 / 3.0);
    EXPECT_EQ(verdicts, (std::vector<V>{V::Pruned, V::Promoted, V::Pruned, V::Promoted, V::Pruned,
                                        V::Pruned}));
}

TEST(SuccessiveHalving, DecidesAsSoonAsTheKnownScoresMakeItCertain) {
    // Two of six go on: the third best known is out whatever the unknown three score, the
    // best known is not yet in (the unknown could beat it twice).
    const std::vector<std::optional<double>> scores{0.9,          0.8,          0.1,
                                                    std::nullopt, std::nullopt, std::nullopt};
    auto verdicts = halvingVerdicts(scores, std::vector<bool>(6, true), 1.0 / 3.0);
    EXPECT_EQ(verdicts, (std::vector<V>{V::Undecided, V::Undecided, V::Pruned, V::Undecided,
                                        V::Undecided, V::Undecided}));
    const std::vector<std::optional<double>> later{0.9, 0.8, 0.1, 0.2, 0.3, std::nullopt};
    verdicts = halvingVerdicts(later, std::vector<bool>(6, true), 1.0 / 3.0);
    EXPECT_EQ(verdicts[0], V::Promoted); // only one unknown left: it cannot push 0.9 out
    EXPECT_EQ(verdicts[1], V::Undecided);
    EXPECT_EQ(verdicts[3], V::Pruned);
}

TEST(SuccessiveHalving, OnlyTheRaceCountsAndTiesGoToTheLowerIndex) {
    const std::vector<std::optional<double>> scores{0.5, 0.5, 0.99, 0.5};
    const auto verdicts = halvingVerdicts(scores, {true, true, false, true}, 0.5);
    EXPECT_EQ(verdicts, (std::vector<V>{V::Promoted, V::Promoted, V::Pruned, V::Pruned}));
    EXPECT_EQ(halvingVerdicts({0.1}, {true}, 0.01), std::vector<V>{V::Promoted}); // at least one
}

TEST(ParetoFront, KeepsThePointsNothingCheaperBeats) {
    const std::vector<double> cost{1, 2, 3, 3, 5, NAN};
    const std::vector<double> accuracy{0.5, 0.4, 0.7, 0.6, 0.7, 0.99};
    EXPECT_EQ(paretoFront(cost, accuracy), (std::vector<int>{0, 2}));
    EXPECT_TRUE(paretoFront({}, {}).empty());
}

} // namespace
} // namespace inception
