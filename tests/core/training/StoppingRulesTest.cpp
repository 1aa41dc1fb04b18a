// The rules that end a run early: the target, a plateau, an experiment's rung.
#include "core/training/StoppingRules.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

std::vector<EpochSummary> history(const std::vector<double>& accuracies) {
    std::vector<EpochSummary> epochs;
    for (std::size_t i = 0; i < accuracies.size(); ++i) {
        EpochSummary e;
        e.epoch = static_cast<int>(i) + 1;
        e.testAccuracy = accuracies[i];
        epochs.push_back(e);
    }
    return epochs;
}

TEST(StoppingRules, PatienceEndsAPlateauAndNotAnImprovingRun) {
    TrainingConfig config;
    config.patience = 2;
    EXPECT_FALSE(earlyStopAfterEpoch(config, history({0.5, 0.6, 0.6}), 0));
    const auto stop = earlyStopAfterEpoch(config, history({0.5, 0.6, 0.6, 0.55}), 0);
    ASSERT_TRUE(stop);
    EXPECT_EQ(stop->status, RunStatus::Finished);
    EXPECT_EQ(stop->message,
              "no better test accuracy for 2 epochs: the best stays 60.00% at epoch 2");
    config.patience = 0;
    EXPECT_FALSE(earlyStopAfterEpoch(config, history({0.5, 0.4, 0.3, 0.2}), 0));
}

TEST(StoppingRules, TheTargetComesFirstThenPatienceThenTheRung) {
    TrainingConfig config;
    config.targetAccuracy = 0.55;
    config.stopAtTarget = true;
    config.patience = 1;
    auto stop = earlyStopAfterEpoch(config, history({0.5, 0.6}), 2);
    ASSERT_TRUE(stop);
    EXPECT_EQ(stop->message, "reached the target test accuracy at epoch 2");
    config.stopAtTarget = false;
    stop = earlyStopAfterEpoch(config, history({0.5, 0.4}), 2);
    EXPECT_EQ(stop->status, RunStatus::Finished);
    stop = earlyStopAfterEpoch(config, history({0.5, 0.6}), 2);
    ASSERT_TRUE(stop);
    EXPECT_EQ(stop->status, RunStatus::Stopped);
    EXPECT_EQ(stop->message, "stopped after epoch 2 as asked");
}

TEST(StoppingRules, NothingStopsTheLastEpoch) {
    TrainingConfig config;
    config.epochs = 2;
    config.patience = 1;
    EXPECT_FALSE(earlyStopAfterEpoch(config, history({0.5, 0.4}), 2));
    EXPECT_FALSE(earlyStopAfterEpoch(config, {}, 1));
}

} // namespace
} // namespace inception
