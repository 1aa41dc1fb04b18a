#include "core/data/BatchPrefetcher.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace inception {
namespace {

// A split of `n` 8x8 RGB images whose every pixel is 10 + its label, labels cycling 0..9.
DatasetSplit labelledSplit(std::int64_t n) {
    DatasetSplit split;
    split.labels = torch::arange(n, torch::kInt64).remainder(10);
    split.images = (split.labels + 10).to(torch::kUInt8).view({n, 1, 1, 1}).repeat({1, 8, 8, 3});
    return split;
}

TEST(BatchPrefetcher, BatchesFollowTheOrderAndKeepEveryLabelWithItsImage) {
    const auto split = labelledSplit(100);
    const auto order = torch::randperm(100, torch::kInt64);
    BatchPrefetcher prefetcher(split, EpochPlan{.order = order,
                                                .batchSize = 32,
                                                .augmentation = standardAugmentation(),
                                                .runSeed = 1});
    EXPECT_EQ(prefetcher.batches(), 4);
    std::int64_t seen = 0;
    for (int b = 0; b < 4; ++b) {
        const auto batch = prefetcher.next();
        ASSERT_TRUE(batch);
        EXPECT_EQ(batch->index, b);
        const auto expected = order.slice(0, seen, std::min<std::int64_t>(100, seen + 32));
        EXPECT_TRUE(torch::equal(batch->labels, expected.remainder(10)));
        ASSERT_EQ(batch->input.sizes(), (std::vector<std::int64_t>{expected.size(0), 3, 8, 8}));
        EXPECT_TRUE(batch->input.is_contiguous(torch::MemoryFormat::ChannelsLast));
        // The brightest pixel of each image (padding is 0) still tells its label.
        const auto brightest = batch->input.amax({1, 2, 3}).mul(255.0).round().to(torch::kInt64);
        EXPECT_TRUE(torch::equal(brightest - 10, batch->labels));
        seen += expected.size(0);
    }
    EXPECT_FALSE(prefetcher.next());
}

TEST(BatchPrefetcher, StartsPartWayAndMatchesTheBatchesOfAFullEpoch) {
    const auto split = labelledSplit(64);
    const EpochPlan plan{.order = torch::randperm(64, torch::kInt64),
                         .batchSize = 16,
                         .augmentation = standardAugmentation(),
                         .runSeed = 9,
                         .epoch = 2};
    BatchPrefetcher full(split, plan);
    full.next();
    full.next();
    const auto third = full.next();
    EpochPlan resumed = plan;
    resumed.firstBatch = 2;
    BatchPrefetcher partWay(split, resumed);
    const auto first = partWay.next();
    ASSERT_TRUE(third && first);
    EXPECT_EQ(first->index, 2);
    EXPECT_TRUE(torch::equal(first->input, third->input));
}

TEST(BatchPrefetcher, StopsCleanlyWhileBatchesWait) {
    const auto split = labelledSplit(4096);
    for (int round = 0; round < 20; ++round) {
        EpochPlan plan;
        plan.order = torch::randperm(4096, torch::kInt64);
        plan.batchSize = 8;
        BatchPrefetcher prefetcher(split, plan, 3);
        prefetcher.next();
        prefetcher.stop();
        // After a stop, what was made may still be handed out, then the epoch ends.
        int left = 0;
        while (prefetcher.next())
            ++left;
        EXPECT_LE(left, 3);
    }
}

TEST(BatchPrefetcher, AnIndexOutsideTheSplitIsAnErrorOnTheTrainersThread) {
    const auto split = labelledSplit(10);
    EpochPlan plan;
    plan.order = torch::tensor({0, 1, 12}, torch::kInt64);
    BatchPrefetcher prefetcher(split, plan);
    EXPECT_THROW(prefetcher.next(), std::out_of_range);
}

} // namespace
} // namespace inception
