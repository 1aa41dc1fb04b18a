#include "core/training/TrainingConfig.hpp"

#include "core/base/InputError.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(TrainingConfigTest, DefaultsAreTheNotebooksRecipe) {
    const TrainingConfig c;
    EXPECT_EQ(c.epochs, 30);
    EXPECT_EQ(c.batchSize, 256);
    EXPECT_EQ(c.optimizer, OptimizerKind::Adam);
    EXPECT_DOUBLE_EQ(c.learningRate, 1e-3);
    EXPECT_EQ(c.seed, 2020u);
    EXPECT_FALSE(c.augmentation.changesImages());
    EXPECT_FALSE(c.augmentation.normalize);
    EXPECT_EQ(c.logInterval, 50);
}

TEST(TrainingConfigTest, JsonRoundTrip) {
    TrainingConfig c;
    c.optimizer = OptimizerKind::Sgd;
    c.nesterov = true;
    c.schedule = ScheduleKind::OneCycle;
    c.labelSmoothing = 0.1;
    c.limitTrain = 500;
    c.augmentation = {.cropPadding = 3, .horizontalFlip = true, .normalize = true};
    c.precision = Precision::BFloat16;
    EXPECT_EQ(trainingConfigFromJson(toJson(c), "x"), c);
    c.recipe = "fast";
    c.schedule = ScheduleKind::Linear;
    c.warmupEpochs = 1.5;
    c.decayNormAndBias = false;
    c.emaDecay = 0.99;
    c.tta = TestTimeAugmentation::Flip;
    c.targetAccuracy = 0.9;
    c.stopAtTarget = true;
    c.precision = Precision::Auto;
    EXPECT_EQ(trainingConfigFromJson(toJson(c), "x"), c);
}

TEST(TrainingConfigTest, RunsWrittenBeforeAugmentationSettingsReadAsTheStandardRecipe) {
    EXPECT_EQ(trainingConfigFromJson(R"({"augment": true})", "old.json").augmentation,
              standardAugmentation());
    EXPECT_EQ(trainingConfigFromJson(R"({"augment": false})", "old.json").augmentation,
              AugmentOptions{});
}

TEST(TrainingConfigTest, InvalidSettingsNameTheField) {
    auto fieldOf = [](const std::string& json) {
        try {
            trainingConfigFromJson(json, "cfg.json");
        } catch (const InputError& e) {
            return e.where();
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(fieldOf(R"({"epochs": 0})"), "cfg.json: epochs");
    EXPECT_EQ(fieldOf(R"({"lr": -1})"), "cfg.json: lr");
    EXPECT_EQ(fieldOf(R"({"label_smoothing": 1.5})"), "cfg.json: label_smoothing");
    EXPECT_EQ(fieldOf(R"({"optimizer": "rmsprop"})"), "cfg.json: optimizer");
    EXPECT_EQ(fieldOf(R"({"device": "tpu"})"), "cfg.json: device");
    EXPECT_EQ(fieldOf(R"({"epochs": "many"})"), "cfg.json");
    EXPECT_EQ(fieldOf(R"({"precision": "float8"})"), "cfg.json: precision");
    EXPECT_EQ(fieldOf(R"({"ema": 1.0})"), "cfg.json: ema");
    EXPECT_EQ(fieldOf(R"({"tta": "crop"})"), "cfg.json: tta");
    EXPECT_EQ(fieldOf(R"({"warmup_epochs": -1})"), "cfg.json: warmup_epochs");
    EXPECT_EQ(fieldOf(R"({"target_accuracy": 90})"), "cfg.json: target_accuracy");
    EXPECT_EQ(fieldOf(R"({"stop_at_target": true})"), "cfg.json: stop_at_target");
    EXPECT_EQ(fieldOf(R"({"precision": "bfloat16", "device": "cuda"})"), "cfg.json: precision");
    EXPECT_EQ(fieldOf(R"({"augmentation": {"crop_padding": 40}})"),
              "cfg.json: augmentation.crop_padding");
}

TEST(TrainingConfigTest, Schedules) {
    TrainingConfig c;
    c.learningRate = 0.1;
    const std::int64_t perEpoch = 10, total = 100;
    EXPECT_DOUBLE_EQ(learningRateAt(c, 57, perEpoch, total), 0.1);

    c.schedule = ScheduleKind::Step;
    c.stepEpochs = 3;
    c.stepGamma = 0.5;
    EXPECT_DOUBLE_EQ(learningRateAt(c, 29, perEpoch, total), 0.1);  // epoch 2
    EXPECT_DOUBLE_EQ(learningRateAt(c, 30, perEpoch, total), 0.05); // epoch 3
    EXPECT_DOUBLE_EQ(learningRateAt(c, 95, perEpoch, total), 0.0125);

    c.schedule = ScheduleKind::Cosine;
    EXPECT_DOUBLE_EQ(learningRateAt(c, 0, perEpoch, total), 0.1);
    EXPECT_NEAR(learningRateAt(c, 99, perEpoch, total), 0.0, 1e-12);
    EXPECT_GT(learningRateAt(c, 40, perEpoch, total), learningRateAt(c, 60, perEpoch, total));

    c.schedule = ScheduleKind::OneCycle;
    EXPECT_NEAR(learningRateAt(c, 0, perEpoch, total), 0.1 / 25, 1e-12);
    double peak = 0;
    for (int s = 0; s < total; ++s)
        peak = std::max(peak, learningRateAt(c, s, perEpoch, total));
    EXPECT_NEAR(peak, 0.1, 0.002);
    EXPECT_NEAR(learningRateAt(c, 99, perEpoch, total), 0.1 / 25 / 1e4, 1e-12);
}

TEST(TrainingConfigTest, LinearWarmsUpThenFallsToZero) {
    TrainingConfig c;
    c.learningRate = 0.4;
    c.epochs = 10;
    c.schedule = ScheduleKind::Linear;
    c.warmupEpochs = 2;
    const std::int64_t perEpoch = 10, total = 100;
    EXPECT_DOUBLE_EQ(learningRateAt(c, 0, perEpoch, total), 0.4 / 20);
    EXPECT_DOUBLE_EQ(learningRateAt(c, 9, perEpoch, total), 0.4 / 2);
    EXPECT_DOUBLE_EQ(learningRateAt(c, 19, perEpoch, total), 0.4);
    EXPECT_DOUBLE_EQ(learningRateAt(c, 20, perEpoch, total), 0.4);
    EXPECT_NEAR(learningRateAt(c, 59, perEpoch, total), 0.4 * (1 - 39.0 / 79), 1e-12);
    EXPECT_DOUBLE_EQ(learningRateAt(c, 99, perEpoch, total), 0.0);
    for (std::int64_t step = 21; step < total; ++step)
        EXPECT_LT(learningRateAt(c, step, perEpoch, total),
                  learningRateAt(c, step - 1, perEpoch, total));
    // The warm-up also leads into a cosine, which without it is unchanged.
    c.schedule = ScheduleKind::Cosine;
    EXPECT_DOUBLE_EQ(learningRateAt(c, 0, perEpoch, total), 0.4 / 20);
    EXPECT_DOUBLE_EQ(learningRateAt(c, 20, perEpoch, total), 0.4);
    c.warmupEpochs = 20; // longer than the run: it warms up to the end
    EXPECT_DOUBLE_EQ(learningRateAt(c, 99, perEpoch, total), 0.4);
    c.warmupEpochs = 0;
    EXPECT_DOUBLE_EQ(learningRateAt(c, 0, perEpoch, total), 0.4);
    EXPECT_NEAR(learningRateAt(c, 99, perEpoch, total), 0.0, 1e-12);
}

TEST(TrainingConfigTest, ThreadsDefaultToEveryCore) {
    TrainingConfig c;
    EXPECT_GE(effectiveThreads(c), 1);
    c.threads = 3;
    EXPECT_EQ(effectiveThreads(c), 3);
}

} // namespace
} // namespace inception
