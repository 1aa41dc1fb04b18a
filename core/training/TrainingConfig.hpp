#pragma once

#include "core/data/Augmentation.hpp"
#include "core/evaluation/TestTimeAugmentation.hpp"
#include "core/model/Precision.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace inception {

enum class OptimizerKind { Adam, AdamW, Sgd };
enum class ScheduleKind { Constant, Step, Cosine, OneCycle, Linear };

std::string toString(OptimizerKind kind);
std::string toString(ScheduleKind kind);
OptimizerKind parseOptimizer(const std::string& text, const std::string& field);
ScheduleKind parseSchedule(const std::string& text, const std::string& field);

// Hyperparameters of a training run. The defaults are the notebook's recipe.
struct TrainingConfig {
    // The recipe the settings started from (Recipe.hpp), empty when none was named; the
    // fields below are what the run used, the recipe's values and the user's overrides.
    std::string recipe;
    int epochs = 30;
    int batchSize = 256;
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double weightDecay = 0.0;
    double momentum = 0.9; // SGD only
    bool nesterov = false; // SGD only
    ScheduleKind schedule = ScheduleKind::Constant;
    int stepEpochs = 10;    // step schedule: epochs between decays
    double stepGamma = 0.1; // step schedule: factor at each decay
    // Cosine and linear schedules: the rate rises linearly from 0 over these epochs first.
    double warmupEpochs = 0.0;
    // False: batch-norm weights and every bias are left out of the weight decay.
    bool decayNormAndBias = true;
    double labelSmoothing = 0.0;
    // > 0: an exponential moving average of the weights, updated after every step as
    // ema = decay * ema + (1 - decay) * weights, is what evaluation and export use.
    double emaDecay = 0.0;
    TestTimeAugmentation tta = TestTimeAugmentation::None;
    // > 0: the run records when the test accuracy first reaches this share (time to accuracy)
    // and, with stopAtTarget, ends there.
    double targetAccuracy = 0.0;
    bool stopAtTarget = false;
    // > 0: the run ends when its test accuracy has not improved for this many epochs.
    int patience = 0;
    std::uint64_t seed = 2020;
    int threads = 0; // 0: every core
    std::string device = "cpu";
    Precision precision = Precision::Float32;
    AugmentOptions augmentation;
    std::int64_t limitTrain = 0; // 0: all images
    std::int64_t limitTest = 0;
    int logInterval = 50; // batches between log lines, as in the notebook

    bool operator==(const TrainingConfig&) const = default;
};

// Problems as `field: what`; throws InputError naming the first.
void requireValid(const TrainingConfig& config);

nlohmann::json toJsonValue(const TrainingConfig& config);
std::string toJson(const TrainingConfig& config, int indent = -1);
TrainingConfig trainingConfigFromJson(const std::string& text, const std::string& source);
TrainingConfig trainingConfigFromJsonValue(const nlohmann::json& doc, const std::string& source);

// The learning rate for global step `step` (0-based) of `totalSteps`, where an epoch has
// `stepsPerEpoch` steps. A pure function, so a resumed run continues the same curve.
double learningRateAt(const TrainingConfig& config, std::int64_t step, std::int64_t stepsPerEpoch,
                      std::int64_t totalSteps);

// The thread count to use: the configured one, or every core when it is 0.
int effectiveThreads(const TrainingConfig& config);

} // namespace inception
