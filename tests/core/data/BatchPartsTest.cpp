// A data-parallel rank's part of a batch: augmentation, dropout and the prefetcher draw that
// part of what one process draws for the whole batch.
#include "core/data/Augmentation.hpp"
#include "core/data/BatchPrefetcher.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/model/GoogLeNet.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace inception {
namespace {

TEST(BatchPartsTest, AugmentationOfAPartIsThatPartOfTheWholeBatch) {
    const ImageShape shape{8, 8, 3};
    const std::int64_t count = 12;
    std::vector<std::uint8_t> in(shape.bytes() * count);
    std::iota(in.begin(), in.end(), 0);
    const AugmentOptions options{.cropPadding = 3, .horizontalFlip = true, .normalize = false};
    std::vector<std::uint8_t> whole(in.size()), part(in.size());
    augmentImages(in.data(), whole.data(), count, shape, options, 77);
    for (const std::int64_t position : {0, 5, 11}) {
        const std::size_t offset = shape.bytes() * static_cast<std::size_t>(position);
        augmentImages(in.data() + offset, part.data(), count - position, shape, options, 77,
                      position);
        EXPECT_TRUE(std::equal(part.begin(), part.begin() + (in.size() - offset),
                               whole.begin() + static_cast<std::ptrdiff_t>(offset)))
            << "from image " << position;
    }
}

TEST(BatchPartsTest, DropoutOfAPartIsThatPartOfTheWholeBatch) {
    BatchDropout dropout(0.4);
    dropout->train();
    const auto input = torch::rand({10, 16});
    torch::manual_seed(5);
    const auto whole = dropout->forward(input);
    torch::manual_seed(5);
    const auto reference = torch::dropout(input, 0.4, true); // LibTorch's own draws
    EXPECT_TRUE(torch::equal(whole, reference));
    for (const auto& [position, rows] : {std::pair{0, 4}, std::pair{4, 3}, std::pair{7, 3}}) {
        torch::manual_seed(5);
        dropout->setBatchPart(position, 10);
        const auto part = dropout->forward(input.narrow(0, position, rows));
        EXPECT_TRUE(torch::equal(part, whole.narrow(0, position, rows))) << "rows " << position;
    }
    dropout->eval();
    EXPECT_TRUE(torch::equal(dropout->forward(input), input));
}

TEST(BatchPartsTest, PrefetcherGivesEachRankItsPartOfEveryBatch) {
    const Dataset data =
        makeSyntheticDataset({.trainPerClass = 3, .testPerClass = 1, .side = 32, .seed = 2020});
    const auto order = torch::randperm(data.train.size(), torch::kInt64);
    const auto plan = [&](int rank, int ranks) {
        return EpochPlan{.order = order,
                         .batchSize = 8,
                         .firstBatch = 0,
                         .augmentation = standardAugmentation(),
                         .runSeed = 3,
                         .epoch = 2,
                         .rank = rank,
                         .worldSize = ranks};
    };
    BatchPrefetcher whole(data.train, plan(0, 1));
    BatchPrefetcher first(data.train, plan(0, 3)), second(data.train, plan(1, 3)),
        third(data.train, plan(2, 3));
    while (auto batch = whole.next()) {
        std::vector<torch::Tensor> inputs, labels;
        for (auto* part : {&first, &second, &third}) {
            auto piece = part->next();
            ASSERT_TRUE(piece);
            EXPECT_EQ(piece->batchSize, batch->labels.size(0));
            EXPECT_EQ(piece->position, inputs.empty() ? 0 : torch::cat(labels).size(0));
            inputs.push_back(piece->input);
            labels.push_back(piece->labels);
        }
        EXPECT_TRUE(torch::equal(torch::cat(labels), batch->labels));
        EXPECT_TRUE(torch::equal(torch::cat(inputs), batch->input));
    }
}

} // namespace
} // namespace inception
