#include "core/training/LearningRateFinder.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/training/Recipe.hpp"
#include "core/training/Trainer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace inception {
namespace {

// A loss that is flat, falls fastest around 1e-2, bottoms out at 1e-1 and then climbs.
std::vector<LearningRatePoint> shapedCurve() {
    std::vector<LearningRatePoint> points;
    for (int i = 0; i <= 60; ++i) {
        const double logRate = -5.0 + i * 0.1; // 1e-5 .. 10
        const double fall = 1.0 / (1.0 + std::exp(-4.0 * (logRate + 2.0)));
        const double climb = logRate > -1.0 ? 3.0 * (logRate + 1.0) * (logRate + 1.0) : 0.0;
        const double loss = 2.3 - 2.0 * fall + climb;
        points.push_back({std::pow(10.0, logRate), loss, loss});
    }
    return points;
}

TEST(LearningRateFinderTest, SuggestsTheSteepestFallBeforeTheMinimum) {
    const auto suggested = suggestRate(shapedCurve());
    ASSERT_TRUE(suggested);
    EXPECT_NEAR(std::log10(*suggested), -2.0, 0.11);
    std::vector<LearningRatePoint> rising;
    for (int i = 0; i < 20; ++i)
        rising.push_back({std::pow(10.0, i * 0.1), 1.0 + i, 1.0 + i});
    EXPECT_FALSE(suggestRate(rising)); // a loss that never falls suggests nothing
    EXPECT_FALSE(suggestRate({}));
}

ModelSpec fastTinySpec() {
    return withStructure(tinySpec(), recipeNamed("fast", "test").structure);
}

TrainingConfig sgdConfig() {
    TrainingConfig c;
    c.optimizer = OptimizerKind::Sgd;
    c.momentum = 0.9;
    c.batchSize = 32;
    c.threads = 2;
    return c;
}

// The synthetic shapes with this network and SGD train at rates from about 1e-2 to 1 and blow
// up at 100: the sweep must see both ends and suggest a rate that trains.
TEST(LearningRateFinderTest, FindsTheGoodRangeOfTheSyntheticShapes) {
    const auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 30}));
    LearningRateSweep sweep;
    sweep.minRate = 1e-4;
    sweep.maxRate = 100.0;
    sweep.steps = 60;
    int seen = 0;
    const LearningRateCurve curve =
        findLearningRate(fastTinySpec(), sgdConfig(), data, sweep, [&](const LearningRatePoint&) {
            ++seen;
            return true;
        });
    ASSERT_GE(curve.points.size(), 20u);
    EXPECT_EQ(seen, static_cast<int>(curve.points.size()));
    EXPECT_DOUBLE_EQ(curve.points.front().rate, 1e-4);
    for (std::size_t i = 1; i < curve.points.size(); ++i)
        EXPECT_NEAR(curve.points[i].rate / curve.points[i - 1].rate, std::pow(1e6, 1.0 / 59), 1e-9);
    EXPECT_TRUE(curve.diverged);
    EXPECT_LT(curve.points.back().rate, 100.0);
    ASSERT_TRUE(curve.suggestedRate);
    EXPECT_GE(*curve.suggestedRate, 1e-3);
    EXPECT_LE(*curve.suggestedRate, 3.0);

    // The suggestion trains: a short run at it ends lower than one at a thousandth of it.
    auto lossAfterTraining = [&](double rate) {
        TrainingConfig c = sgdConfig();
        c.learningRate = rate;
        c.epochs = 2;
        Trainer trainer(fastTinySpec(), c, data);
        TrainingControl control;
        trainer.run(control);
        return trainer.history().empty() ? INFINITY : trainer.history().back().trainLoss;
    };
    EXPECT_LT(lossAfterTraining(*curve.suggestedRate),
              lossAfterTraining(*curve.suggestedRate / 1000.0));
}

TEST(LearningRateFinderTest, StopsWhenTheCallerSaysSoAndRefusesBadSweeps) {
    const auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    LearningRateSweep sweep;
    sweep.steps = 50;
    const auto curve = findLearningRate(fastTinySpec(), sgdConfig(), data, sweep,
                                        [](const LearningRatePoint&) { return false; });
    EXPECT_EQ(curve.points.size(), 1u);
    sweep.minRate = 1.0;
    sweep.maxRate = 0.1;
    EXPECT_THROW(findLearningRate(fastTinySpec(), sgdConfig(), data, sweep), InputError);
}

} // namespace
} // namespace inception
