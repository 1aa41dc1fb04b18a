#include "core/explain/FeatureSet.hpp"

#include "core/base/InputError.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

SplitFeatures split(std::int64_t count, int dims, int classes, float base) {
    SplitFeatures s{count, dims, classes, {}, {}, {}};
    for (std::int64_t i = 0; i < count * dims; ++i)
        s.features.push_back(base + static_cast<float>(i));
    for (std::int64_t i = 0; i < count * classes; ++i)
        s.probabilities.push_back(1.0f / static_cast<float>(classes));
    for (std::int64_t i = 0; i < count; ++i)
        s.labels.push_back(static_cast<std::int16_t>(i % classes));
    return s;
}

TEST(FeatureSet, RoundTripsAndRefusesDamagedFiles) {
    test::TemporaryFolder folder;
    const FeatureSet set{"12|34|abc", split(5, 3, 2, 0.5f), split(2, 3, 2, 100.0f)};
    const std::string path = (folder / "best.features").string();
    writeFeatureSet(path, set);
    const FeatureSet back = readFeatureSet(path);
    EXPECT_EQ(back.key, set.key);
    EXPECT_EQ(back.train.features, set.train.features);
    EXPECT_EQ(back.test.labels, set.test.labels);
    EXPECT_EQ(back.test.probabilities, set.test.probabilities);
    EXPECT_FLOAT_EQ(*back.test.feature(1), 103.0f);

    const std::string bytes = test::readFile(path);
    test::writeFile(path, bytes.substr(0, bytes.size() - 1));
    EXPECT_EQ(test::errorOf([&] { readFeatureSet(path); }),
              path + ": is truncated or not a feature file");
    test::writeFile(path, bytes + "x");
    EXPECT_EQ(test::errorOf([&] { readFeatureSet(path); }),
              path + ": is truncated or not a feature file");
    test::writeFile(path, "IWPRED02 and more");
    EXPECT_EQ(test::errorOf([&] { readFeatureSet(path); }), path + ": is not a feature file");
    std::string badLabel = bytes;
    badLabel[8 + 4 + set.key.size() + 16] = 9; // the first training label, past the classes
    test::writeFile(path, badLabel);
    EXPECT_EQ(test::errorOf([&] { readFeatureSet(path); }),
              path + ": is truncated or not a feature file");
}

TEST(FeatureSet, IsCachedBesideTheRunAndKeyedByTheCheckpointFile) {
    EXPECT_EQ(featureCachePath("/r/20261204-seed/checkpoints/best.ckpt"),
              "/r/20261204-seed/explain/best.features");
    EXPECT_EQ(featureCachePath("/w/imported.ckpt"), "/w/imported.ckpt.features");
    test::TemporaryFolder folder;
    test::writeFile(folder / "a.ckpt", "weights");
    const std::string key = featureKey((folder / "a.ckpt").string(), "hash");
    EXPECT_EQ(featureKey((folder / "a.ckpt").string(), "hash"), key);
    EXPECT_NE(featureKey((folder / "a.ckpt").string(), "other"), key);
    test::writeFile(folder / "a.ckpt", "weights, longer");
    EXPECT_NE(featureKey((folder / "a.ckpt").string(), "hash"), key);
}

TEST(FeatureSet, ComputesWhatTheClassifierSeesAndItsProbabilities) {
    ModelSpec spec = *preset("tiny");
    spec.head.classes = 3;
    GoogLeNet model(spec);
    initializeWeights(model);
    Dataset data;
    data.train = {torch::randint(0, 256, {7, 32, 32, 3}).to(torch::kUInt8),
                  torch::tensor({0, 1, 2, 0, 1, 2, 0}, torch::kInt64)};
    data.test = {torch::randint(0, 256, {4, 32, 32, 3}).to(torch::kUInt8),
                 torch::tensor({2, 1, 0, 2}, torch::kInt64)};
    data.classNames = {"a", "b", "c"};
    std::int64_t last = 0;
    const FeatureSet set =
        computeFeatureSet(model, data, [&](std::int64_t done, std::int64_t total) {
            EXPECT_EQ(total, 11);
            last = done;
            return true;
        });
    EXPECT_EQ(last, 11);
    EXPECT_EQ(set.train.count, 7);
    EXPECT_EQ(set.test.dims, spec.featureChannels());
    EXPECT_EQ(set.test.labels, (std::vector<std::int16_t>{2, 1, 0, 2}));
    torch::NoGradGuard noGrad;
    model->eval();
    const auto expected = torch::softmax(model->forward(toModelInput(data.test.images)), 1);
    for (int i = 0; i < 4; ++i)
        for (int c = 0; c < 3; ++c)
            EXPECT_NEAR(set.test.probability(i)[c], expected[i][c].item<float>(), 1e-5);
    EXPECT_TRUE(model->is_training() == false);
}

} // namespace
} // namespace inception
