#include "core/explain/SuspectLabels.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(SuspectLabels, ThresholdsAreEachClasssMeanAndOnlyConfidentOthersAreSuspects) {
    // Two classes. Images 0-2 given 0, 3-5 given 1.
    const std::vector<float> p = {0.9f, 0.1f, 0.8f, 0.2f, 0.1f, 0.9f,  // 2 looks like 1
                                  0.2f, 0.8f, 0.3f, 0.7f, 0.6f, 0.4f}; // 5 leans to 0
    const std::vector<std::int16_t> labels = {0, 0, 0, 1, 1, 1};
    const SuspectSearch search = findSuspectLabels(p, labels, 2);
    ASSERT_EQ(search.thresholds.size(), 2u);
    EXPECT_NEAR(search.thresholds[0], (0.9 + 0.8 + 0.1) / 3, 1e-6);
    EXPECT_NEAR(search.thresholds[1], (0.8 + 0.7 + 0.4) / 3, 1e-6);
    ASSERT_EQ(search.suspects.size(), 2u);
    EXPECT_EQ(search.suspects[0].index, 2); // margin 0.8
    EXPECT_EQ(search.suspects[0].likely, 1);
    EXPECT_EQ(search.suspects[1].index, 5); // margin 0.2
    EXPECT_FLOAT_EQ(search.suspects[1].givenProbability, 0.4f);
    EXPECT_FLOAT_EQ(search.suspects[1].neighboursAgreeing, -1.0f);
}

TEST(SuspectLabels, NeighboursSharingTheGivenLabelHalveTheScore) {
    const std::vector<float> p = {0.3f, 0.7f, 0.3f, 0.7f, 0.9f, 0.1f, 0.4f, 0.6f};
    const std::vector<std::int16_t> labels = {0, 0, 0, 1};
    // Image 0's neighbours are all labelled 0, image 1's none.
    const std::vector<std::int16_t> neighbours = {0, 0, 1, 1, 0, 0, 1, 1};
    const SuspectSearch search = findSuspectLabels(p, labels, 2, neighbours, 2);
    ASSERT_EQ(search.suspects.size(), 2u);
    EXPECT_EQ(search.suspects[0].index, 1);
    EXPECT_NEAR(search.suspects[0].score, 0.4, 1e-6);
    EXPECT_EQ(search.suspects[1].index, 0);
    EXPECT_NEAR(search.suspects[1].score, 0.2, 1e-6);
    EXPECT_FLOAT_EQ(search.suspects[1].neighboursAgreeing, 1.0f);
}

TEST(SuspectLabels, RefusesMismatchedInput) {
    EXPECT_THROW(findSuspectLabels({0.5f, 0.5f}, {0, 1}, 2), std::invalid_argument);
    EXPECT_THROW(findSuspectLabels({0.5f, 0.5f}, {3}, 2), std::invalid_argument);
}

} // namespace
} // namespace inception
