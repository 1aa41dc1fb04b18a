#pragma once

#include "core/data/Dataset.hpp"
#include "core/training/CheckpointFiles.hpp"
#include "core/training/Trainer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <vector>

namespace inception::test {

// 32x32 colour images whose class (0-3: square, horizontal bar, vertical bar, cross) is the
// shape drawn in the top-left quarter; one of the other quarters holds a distractor of no
// class (a ring), so bright strokes alone do not tell the class. Bright shapes on dark noise.
constexpr int kQuarterClasses = 4;
constexpr int kQuarterSide = 32;

inline std::vector<std::uint8_t> quarterShapeImage(int cls, std::mt19937& rng) {
    std::vector<std::uint8_t> pixels(kQuarterSide * kQuarterSide * 3);
    std::uniform_int_distribution<int> noise(0, 50), bright(200, 255), offset(2, 5), any(0, 3);
    for (auto& p : pixels)
        p = static_cast<std::uint8_t>(noise(rng));
    auto draw = [&](int shape, int top, int left) {
        const auto colour = static_cast<std::uint8_t>(bright(rng));
        auto set = [&](int y, int x) {
            for (int c = 0; c < 3; ++c)
                pixels[static_cast<std::size_t>(((top + y) * kQuarterSide + left + x) * 3 + c)] =
                    colour;
        };
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 10; ++x) {
                const bool on = shape == 0   ? (y >= 1 && y < 9 && x >= 1 && x < 9)
                                : shape == 1 ? (y >= 4 && y < 7)
                                : shape == 2 ? (x >= 4 && x < 7)
                                : shape == 3 ? (x == y || x == 9 - y)
                                             : (y == 0 || y == 9 || x == 0 || x == 9);
                if (on)
                    set(y, x);
            }
    };
    draw(cls, offset(rng), offset(rng));
    const int quarter = 1 + any(rng) % 3; // 1: top right, 2: bottom left, 3: bottom right
    draw(4, (quarter >= 2 ? 16 : 0) + offset(rng), (quarter % 2 == 1 ? 16 : 0) + offset(rng));
    return pixels;
}

inline DatasetSplit quarterShapeSplit(int perClass, std::mt19937& rng) {
    const int count = perClass * kQuarterClasses;
    auto images = torch::empty({count, kQuarterSide, kQuarterSide, 3}, torch::kUInt8);
    auto labels = torch::empty({count}, torch::kInt64);
    for (int i = 0; i < count; ++i) {
        const auto pixels = quarterShapeImage(i % kQuarterClasses, rng);
        std::memcpy(images[i].data_ptr<std::uint8_t>(), pixels.data(), pixels.size());
        labels[i] = i % kQuarterClasses;
    }
    return {images, labels};
}

inline Dataset quarterShapeDataset(int trainPerClass, int testPerClass, unsigned seed) {
    std::mt19937 rng(seed);
    Dataset data;
    data.train = quarterShapeSplit(trainPerClass, rng);
    data.test = quarterShapeSplit(testPerClass, rng);
    data.classNames = {"square", "horizontal", "vertical", "cross"};
    data.identity.kind = "synthetic";
    finishDataset(data);
    return data;
}

// Trains the tiny preset (no dropout) on `data` and returns its best checkpoint in `folder`.
inline std::filesystem::path trainTinyModel(const std::filesystem::path& folder,
                                            std::shared_ptr<const Dataset> data, int epochs) {
    ModelSpec spec = fitToData(*preset("tiny"), *data);
    spec.head.dropout = 0.0;
    TrainingConfig config;
    config.epochs = epochs;
    config.batchSize = 32;
    config.learningRate = 3e-3;
    config.threads = 2;
    Trainer trainer(spec, config, std::move(data));
    trainer.setCheckpointDirectory(folder.string());
    TrainingControl control;
    EXPECT_EQ(trainer.run(control).status, RunStatus::Finished);
    return folder / checkpointFileName(RunCheckpoint::Best);
}

} // namespace inception::test
