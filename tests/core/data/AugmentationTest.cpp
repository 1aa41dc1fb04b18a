#include "core/data/Augmentation.hpp"

#include "core/data/readers/SyntheticDataset.hpp"
#include "core/model/GoogLeNet.hpp"
#include "core/spec/ModelSpec.hpp"
#include "core/training/Trainer.hpp"
#include "core/training/TrainingControl.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace inception {
namespace {

constexpr ImageShape kShape{8, 8, 3};

// `count` images whose pixel (y, x, c) is 1 + (image * 7 + y * 8 + x + c) % 250: never zero,
// so padding shows as zeros, and every image differs from the others.
std::vector<std::uint8_t> numberedImages(int count) {
    std::vector<std::uint8_t> pixels(kShape.bytes() * static_cast<std::size_t>(count));
    std::size_t i = 0;
    for (int n = 0; n < count; ++n)
        for (int y = 0; y < kShape.height; ++y)
            for (int x = 0; x < kShape.width; ++x)
                for (int c = 0; c < kShape.channels; ++c)
                    pixels[i++] = static_cast<std::uint8_t>(1 + (n * 7 + y * 8 + x + c) % 250);
    return pixels;
}

std::uint8_t at(const std::vector<std::uint8_t>& images, int n, int y, int x, int c) {
    return images[kShape.bytes() * static_cast<std::size_t>(n) +
                  static_cast<std::size_t>((y * kShape.width + x) * kShape.channels + c)];
}

std::vector<std::uint8_t> augmented(const std::vector<std::uint8_t>& in, AugmentOptions options,
                                    std::uint64_t seed) {
    std::vector<std::uint8_t> out(in.size());
    augmentImages(in.data(), out.data(), static_cast<std::int64_t>(in.size() / kShape.bytes()),
                  kShape, options, seed);
    return out;
}

TEST(Augmentation, NoOptionsCopiesTheImages) {
    const auto images = numberedImages(4);
    EXPECT_EQ(augmented(images, {}, 1), images);
}

TEST(Augmentation, TheSameSeedGivesTheSameImagesAndAnotherSeedOthers) {
    const auto images = numberedImages(32);
    const auto options = standardAugmentation();
    EXPECT_EQ(augmented(images, options, 7), augmented(images, options, 7));
    EXPECT_NE(augmented(images, options, 7), augmented(images, options, 8));
}

TEST(Augmentation, FlipsMirrorRowsAndLeaveTheRestAlone) {
    const auto images = numberedImages(64);
    const auto out = augmented(images, {.horizontalFlip = true}, 3);
    int flipped = 0;
    for (int n = 0; n < 64; ++n) {
        const bool mirrored = at(out, n, 0, 0, 0) == at(images, n, 0, kShape.width - 1, 0);
        flipped += mirrored;
        for (int y = 0; y < kShape.height; ++y)
            for (int x = 0; x < kShape.width; ++x)
                for (int c = 0; c < kShape.channels; ++c)
                    ASSERT_EQ(at(out, n, y, x, c),
                              at(images, n, y, mirrored ? kShape.width - 1 - x : x, c));
    }
    EXPECT_GT(flipped, 16); // about half of 64
    EXPECT_LT(flipped, 48);
}

TEST(Augmentation, CropsAreShiftedCopiesWithZeroPadding) {
    const auto images = numberedImages(64);
    const int padding = 2;
    const auto out = augmented(images, {.cropPadding = padding}, 5);
    int shifted = 0;
    for (int n = 0; n < 64; ++n) {
        // Find the shift (dy, dx) in [-2, 2] that explains this image.
        bool explained = false;
        for (int dy = -padding; dy <= padding && !explained; ++dy)
            for (int dx = -padding; dx <= padding && !explained; ++dx) {
                bool all = true;
                for (int y = 0; y < kShape.height && all; ++y)
                    for (int x = 0; x < kShape.width && all; ++x) {
                        const int sy = y + dy, sx = x + dx;
                        const bool inside =
                            sy >= 0 && sy < kShape.height && sx >= 0 && sx < kShape.width;
                        const std::uint8_t want = inside ? at(images, n, sy, sx, 1) : 0;
                        all = at(out, n, y, x, 1) == want;
                    }
                if (all) {
                    explained = true;
                    shifted += dy != 0 || dx != 0;
                }
            }
        EXPECT_TRUE(explained) << "image " << n << " is not a padded crop of its source";
    }
    EXPECT_GT(shifted, 40); // 24 of 25 shifts move the image
}

TEST(Augmentation, BatchSeedsDifferByRunEpochAndBatch) {
    EXPECT_EQ(batchSeed(2020, 3, 17), batchSeed(2020, 3, 17));
    EXPECT_NE(batchSeed(2020, 3, 17), batchSeed(2020, 3, 18));
    EXPECT_NE(batchSeed(2020, 3, 17), batchSeed(2020, 4, 17));
    EXPECT_NE(batchSeed(2020, 3, 17), batchSeed(2021, 3, 17));
}

TEST(Normalization, TheModelNormalisesItsInputByTheSpecsFigures) {
    ModelSpec plain = tinySpec();
    ModelSpec normalized = plain;
    normalized.input.mean = {0.5, 0.4, 0.3};
    normalized.input.std = {0.25, 0.2, 0.1};
    torch::manual_seed(1);
    GoogLeNet a(plain);
    torch::manual_seed(1);
    GoogLeNet b(normalized);
    a->eval();
    b->eval();
    const auto x = torch::rand({2, 3, 32, 32});
    const auto mean = torch::tensor({0.5, 0.4, 0.3}).view({1, 3, 1, 1});
    const auto std = torch::tensor({0.25, 0.2, 0.1}).view({1, 3, 1, 1});
    EXPECT_TRUE(torch::allclose(b->forward(x), a->forward((x - mean) / std), 1e-5, 1e-5));
}

TEST(Normalization, TrainingWithNormalizeRecordsTheTrainingImagesStatistics) {
    auto data =
        std::make_shared<Dataset>(makeSyntheticDataset(SyntheticOptions{.trainPerClass = 8}));
    TrainingConfig config;
    config.epochs = 1;
    config.batchSize = 32;
    config.augmentation.normalize = true;
    Trainer trainer(tinySpec(), config, data);
    const auto stats = channelStatistics(data->train);
    ASSERT_EQ(trainer.spec().input.mean.size(), 3U);
    const auto pixels = data->train.images.to(torch::kFloat64).div(255.0);
    for (int c = 0; c < 3; ++c) {
        const auto channel = pixels.select(3, c);
        EXPECT_NEAR(trainer.spec().input.mean[c], channel.mean().item<double>(), 1e-9);
        EXPECT_NEAR(trainer.spec().input.std[c], channel.std(false).item<double>(), 1e-9);
        EXPECT_EQ(stats.mean[c], trainer.spec().input.mean[c]);
    }
    TrainingControl control;
    EXPECT_EQ(trainer.run(control).status, RunStatus::Finished);
}

} // namespace
} // namespace inception
