#include "core/evaluation/PredictionAnalysis.hpp"

#include "core/data/Dataset.hpp"
#include "core/data/TestImages.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace inception {
namespace {

SamplePrediction prediction(int index, int trueClass, int predicted,
                            std::array<std::int16_t, kTopPredictions> classes,
                            std::array<float, kTopPredictions> probabilities) {
    SamplePrediction p;
    p.index = index;
    p.trueClass = static_cast<std::int16_t>(trueClass);
    p.predicted = static_cast<std::int16_t>(predicted);
    p.topClasses = classes;
    p.topProbabilities = probabilities;
    return p;
}

const std::vector<SamplePrediction> kKnown = {
    prediction(0, 0, 0, {0, 1, 2, 3, 4}, {0.9f, 0.05f, 0.03f, 0.01f, 0.01f}),
    prediction(1, 0, 1, {1, 0, 2, 3, 4}, {0.6f, 0.3f, 0.05f, 0.03f, 0.02f}),
    prediction(2, 1, 0, {0, 2, 3, 4, 5}, {0.5f, 0.2f, 0.1f, 0.1f, 0.05f}), // true not in top 5
    prediction(3, 2, 1, {1, 2, 0, 3, 4}, {0.7f, 0.2f, 0.05f, 0.03f, 0.02f}),
    prediction(4, 0, 1, {1, 0, 2, 3, 4}, {0.8f, 0.1f, 0.05f, 0.03f, 0.02f}),
};

TEST(PredictionAnalysisTest, ConfusionOfKnownPredictions) {
    const ConfusionMatrix m = confusionOf(kKnown, 6);
    EXPECT_EQ(m.total(), 5);
    EXPECT_EQ(m.count(0, 0), 1);
    EXPECT_EQ(m.count(0, 1), 2);
    EXPECT_EQ(m.count(1, 0), 1);
    EXPECT_EQ(m.count(2, 1), 1);
    EXPECT_EQ(mostConfusedWith(m)[0], 1);
    EXPECT_EQ(mostConfusedWith(m)[1], 0);
    EXPECT_EQ(mostConfusedWith(m)[3], -1); // never seen
}

TEST(PredictionAnalysisTest, TrueClassProbabilityAndLoss) {
    EXPECT_FLOAT_EQ(trueClassProbability(kKnown[1]), 0.3f);
    EXPECT_NEAR(predictionLoss(kKnown[1]), -std::log(0.3), 1e-6);
    // Not among the top five: the smallest recorded probability bounds it.
    EXPECT_FLOAT_EQ(trueClassProbability(kKnown[2]), 0.05f);
    EXPECT_FLOAT_EQ(confidence(kKnown[3]), 0.7f);
}

TEST(PredictionAnalysisTest, ChangedPredictionsBetweenEpochs) {
    std::vector<SamplePrediction> later = kKnown;
    later[1].predicted = 0; // fixed
    later[3].predicted = 2; // fixed
    EXPECT_EQ(changedPredictions(kKnown, later), (std::vector<std::int32_t>{1, 3}));
    EXPECT_TRUE(changedPredictions(kKnown, kKnown).empty());
}

TEST(PredictionAnalysisTest, TestImagesOfTheSyntheticSet) {
    const TestImages images = loadTestImages(loadDataset("synthetic:4").identity);
    EXPECT_EQ(images.count, 100); // the synthetic test split: 10 per class
    EXPECT_EQ(images.height, 32);
    EXPECT_EQ(images.channels, 3);
    EXPECT_EQ(images.pixels.size(), std::size_t{100} * 32 * 32 * 3);
    EXPECT_EQ(images.labels.size(), 100u);
    EXPECT_EQ(images.classNames.size(), 10u);
    EXPECT_EQ(dataSpecOf(images.identity), "synthetic:4");
    DatasetIdentity cifar;
    cifar.kind = "cifar10";
    cifar.path = "/d/cifar-10-batches-bin";
    EXPECT_EQ(dataSpecOf(cifar), "cifar10:/d/cifar-10-batches-bin");
}

TEST(PredictionAnalysisTest, TrueClassProbabilityIsExactWithEveryClassKept) {
    SamplePrediction p = kKnown[2]; // true class 1 not among the top five
    EXPECT_FLOAT_EQ(trueClassProbability(p), 0.05f);
    p.probabilities = {0.5f, 0.01f, 0.2f, 0.1f, 0.1f, 0.05f, 0.01f, 0.01f, 0.01f, 0.01f};
    EXPECT_FLOAT_EQ(trueClassProbability(p), 0.01f);
}

TEST(PredictionAnalysisTest, PrecisionRecallStepsThroughEachThreshold) {
    // Class 1's probabilities, ranked: 0.9 (is 1), 0.8 (not), 0.6 (is 1), 0.6 (not), 0.1 (is 1).
    std::vector<SamplePrediction> predictions;
    const std::vector<std::pair<float, int>> scored = {
        {0.8f, 0}, {0.6f, 1}, {0.9f, 1}, {0.1f, 1}, {0.6f, 2}};
    for (const auto& [score, truth] : scored) {
        SamplePrediction p;
        p.trueClass = static_cast<std::int16_t>(truth);
        p.probabilities = {1.0f - score, score, 0.0f};
        predictions.push_back(p);
    }
    const PrecisionRecallCurve curve = precisionRecall(predictions, 1);
    ASSERT_EQ(curve.points.size(), 4u) << "the two 0.6 enter together";
    EXPECT_DOUBLE_EQ(curve.points[0].precision, 1.0);
    EXPECT_NEAR(curve.points[0].recall, 1.0 / 3, 1e-12);
    EXPECT_NEAR(curve.points[1].precision, 0.5, 1e-12);
    EXPECT_NEAR(curve.points[2].recall, 2.0 / 3, 1e-12);
    EXPECT_NEAR(curve.points[2].precision, 0.5, 1e-12);
    EXPECT_FLOAT_EQ(curve.points[2].threshold, 0.6f);
    EXPECT_DOUBLE_EQ(curve.points[3].recall, 1.0);
    EXPECT_NEAR(curve.averagePrecision, (1.0 / 3) * 1.0 + (1.0 / 3) * 0.5 + (1.0 / 3) * 0.6, 1e-12);
    EXPECT_TRUE(precisionRecall(kKnown, 1).points.empty()) << "top five only: no curve";
    EXPECT_TRUE(precisionRecall(predictions, 2 + 5).points.empty());
}

} // namespace
} // namespace inception
