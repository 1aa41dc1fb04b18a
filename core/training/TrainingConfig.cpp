#include "core/training/TrainingConfig.hpp"

#include "core/base/EnumNames.hpp"
#include "core/base/InputError.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <thread>

namespace inception {

using nlohmann::json;

namespace {
constexpr EnumNames<OptimizerKind, 3> kOptimizerNames{"optimizer",
                                                      {{{OptimizerKind::Adam, "adam"},
                                                        {OptimizerKind::AdamW, "adamw"},
                                                        {OptimizerKind::Sgd, "sgd"}}}};
constexpr EnumNames<ScheduleKind, 5> kScheduleNames{"schedule",
                                                    {{{ScheduleKind::Constant, "constant"},
                                                      {ScheduleKind::Step, "step"},
                                                      {ScheduleKind::Cosine, "cosine"},
                                                      {ScheduleKind::OneCycle, "onecycle"},
                                                      {ScheduleKind::Linear, "linear"}}}};
} // namespace

std::string toString(OptimizerKind kind) {
    return kOptimizerNames.nameOf(kind);
}

std::string toString(ScheduleKind kind) {
    return kScheduleNames.nameOf(kind);
}

OptimizerKind parseOptimizer(const std::string& text, const std::string& field) {
    return kOptimizerNames.parse(text, field);
}

ScheduleKind parseSchedule(const std::string& text, const std::string& field) {
    return kScheduleNames.parse(text, field);
}

void requireValid(const TrainingConfig& c) {
    auto require = [](bool ok, const char* field, const std::string& what) {
        if (!ok)
            throw InputError(field, what);
    };
    require(c.epochs >= 1 && c.epochs <= 100000, "epochs", "must be between 1 and 100000");
    require(c.batchSize >= 1 && c.batchSize <= 65536, "batch_size", "must be between 1 and 65536");
    require(std::isfinite(c.learningRate) && c.learningRate > 0 && c.learningRate <= 10, "lr",
            "must be greater than 0 and at most 10");
    require(std::isfinite(c.weightDecay) && c.weightDecay >= 0 && c.weightDecay < 1, "weight_decay",
            "must be in [0, 1)");
    require(std::isfinite(c.momentum) && c.momentum >= 0 && c.momentum < 1, "momentum",
            "must be in [0, 1)");
    require(c.stepEpochs >= 1, "step_epochs", "must be at least 1");
    require(std::isfinite(c.stepGamma) && c.stepGamma > 0 && c.stepGamma <= 1, "step_gamma",
            "must be in (0, 1]");
    require(std::isfinite(c.labelSmoothing) && c.labelSmoothing >= 0 && c.labelSmoothing < 1,
            "label_smoothing", "must be in [0, 1)");
    require(std::isfinite(c.warmupEpochs) && c.warmupEpochs >= 0 && c.warmupEpochs <= 100000,
            "warmup_epochs", "must be between 0 and 100000");
    require(std::isfinite(c.emaDecay) && c.emaDecay >= 0 && c.emaDecay < 1, "ema",
            "must be in [0, 1) (0: no moving average)");
    require(std::isfinite(c.targetAccuracy) && c.targetAccuracy >= 0 && c.targetAccuracy <= 1,
            "target_accuracy", "must be in [0, 1] (a share: 0.9 for 90%)");
    require(!c.stopAtTarget || c.targetAccuracy > 0, "stop_at_target", "needs a target accuracy");
    require(c.patience >= 0 && c.patience <= 100000, "patience",
            "must be between 0 and 100000 epochs (0: no early stopping)");
    require(c.threads >= 0 && c.threads <= 1024, "threads", "must be between 0 and 1024");
    require(c.device == "cpu" || c.device == "cuda", "device", "must be cpu or cuda");
    require(c.precision != Precision::BFloat16 || c.device == "cpu", "precision",
            "bfloat16 is CPU autocast; use float32 or auto on cuda");
    require(c.limitTrain >= 0, "limit_train", "must not be negative");
    require(c.limitTest >= 0, "limit_test", "must not be negative");
    require(c.logInterval >= 1, "log_interval", "must be at least 1");
    require(c.augmentation.cropPadding >= 0 && c.augmentation.cropPadding <= kMaxCropPadding,
            "augmentation.crop_padding",
            "must be between 0 and " + std::to_string(kMaxCropPadding));
}

json toJsonValue(const TrainingConfig& c) {
    return {{"recipe", c.recipe},
            {"epochs", c.epochs},
            {"batch_size", c.batchSize},
            {"optimizer", toString(c.optimizer)},
            {"lr", c.learningRate},
            {"weight_decay", c.weightDecay},
            {"momentum", c.momentum},
            {"nesterov", c.nesterov},
            {"schedule", toString(c.schedule)},
            {"step_epochs", c.stepEpochs},
            {"step_gamma", c.stepGamma},
            {"warmup_epochs", c.warmupEpochs},
            {"decay_norm_and_bias", c.decayNormAndBias},
            {"label_smoothing", c.labelSmoothing},
            {"ema", c.emaDecay},
            {"tta", toString(c.tta)},
            {"target_accuracy", c.targetAccuracy},
            {"stop_at_target", c.stopAtTarget},
            {"patience", c.patience},
            {"seed", c.seed},
            {"threads", c.threads},
            {"device", c.device},
            {"precision", toString(c.precision)},
            {"augmentation",
             {{"crop_padding", c.augmentation.cropPadding},
              {"horizontal_flip", c.augmentation.horizontalFlip},
              {"normalize", c.augmentation.normalize}}},
            {"limit_train", c.limitTrain},
            {"limit_test", c.limitTest},
            {"log_interval", c.logInterval}};
}

std::string toJson(const TrainingConfig& c, int indent) {
    return toJsonValue(c).dump(indent);
}

TrainingConfig trainingConfigFromJson(const std::string& text, const std::string& source) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        throw InputError(source, std::string("bad training settings: ") + e.what());
    }
    return trainingConfigFromJsonValue(doc, source);
}

TrainingConfig trainingConfigFromJsonValue(const json& doc, const std::string& source) {
    TrainingConfig c;
    try {
        c.recipe = doc.value("recipe", c.recipe);
        c.epochs = doc.value("epochs", c.epochs);
        c.batchSize = doc.value("batch_size", c.batchSize);
        c.optimizer = parseOptimizer(doc.value("optimizer", toString(c.optimizer)), "optimizer");
        c.learningRate = doc.value("lr", c.learningRate);
        c.weightDecay = doc.value("weight_decay", c.weightDecay);
        c.momentum = doc.value("momentum", c.momentum);
        c.nesterov = doc.value("nesterov", c.nesterov);
        c.schedule = parseSchedule(doc.value("schedule", toString(c.schedule)), "schedule");
        c.stepEpochs = doc.value("step_epochs", c.stepEpochs);
        c.stepGamma = doc.value("step_gamma", c.stepGamma);
        c.warmupEpochs = doc.value("warmup_epochs", c.warmupEpochs);
        c.decayNormAndBias = doc.value("decay_norm_and_bias", c.decayNormAndBias);
        c.labelSmoothing = doc.value("label_smoothing", c.labelSmoothing);
        c.emaDecay = doc.value("ema", c.emaDecay);
        c.tta = parseTestTimeAugmentation(doc.value("tta", toString(c.tta)), "tta");
        c.targetAccuracy = doc.value("target_accuracy", c.targetAccuracy);
        c.stopAtTarget = doc.value("stop_at_target", c.stopAtTarget);
        c.patience = doc.value("patience", c.patience);
        c.seed = doc.value("seed", c.seed);
        c.threads = doc.value("threads", c.threads);
        c.device = doc.value("device", c.device);
        c.precision = parsePrecision(doc.value("precision", toString(c.precision)), "precision");
        if (doc.value("augment", false)) // written before augmentation had its own settings
            c.augmentation = standardAugmentation();
        if (const auto it = doc.find("augmentation"); it != doc.end()) {
            AugmentOptions& a = c.augmentation;
            a.cropPadding = it->value("crop_padding", a.cropPadding);
            a.horizontalFlip = it->value("horizontal_flip", a.horizontalFlip);
            a.normalize = it->value("normalize", a.normalize);
        }
        c.limitTrain = doc.value("limit_train", c.limitTrain);
        c.limitTest = doc.value("limit_test", c.limitTest);
        c.logInterval = doc.value("log_interval", c.logInterval);
        requireValid(c);
    } catch (const json::exception& e) {
        throw InputError(source, std::string("bad training settings: ") + e.what());
    } catch (const InputError& e) {
        throw InputError(source + ": " + e.where(), e.what());
    }
    return c;
}

double learningRateAt(const TrainingConfig& c, std::int64_t step, std::int64_t stepsPerEpoch,
                      std::int64_t totalSteps) {
    const double base = c.learningRate;
    const double progress =
        totalSteps <= 1 ? 0.0 : static_cast<double>(step) / static_cast<double>(totalSteps - 1);
    switch (c.schedule) {
    case ScheduleKind::Constant:
        return base;
    case ScheduleKind::Step: {
        const auto epoch = stepsPerEpoch > 0 ? step / stepsPerEpoch : 0;
        return base * std::pow(c.stepGamma, static_cast<double>(epoch / c.stepEpochs));
    }
    case ScheduleKind::Cosine:
    case ScheduleKind::Linear: {
        // A warm-up longer than the run (a short run of a recipe) ends with the run.
        const auto warmupSteps =
            std::min(totalSteps, static_cast<std::int64_t>(std::llround(
                                     c.warmupEpochs * static_cast<double>(stepsPerEpoch))));
        if (step < warmupSteps) // from base / warmupSteps up to base
            return base * static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
        // From base at the first step after the warm-up to 0 at the last step of the run.
        const auto decaySteps = totalSteps - warmupSteps;
        const double t = decaySteps <= 1 ? 0.0
                                         : static_cast<double>(step - warmupSteps) /
                                               static_cast<double>(decaySteps - 1);
        if (c.schedule == ScheduleKind::Linear)
            return base * (1.0 - t);
        return base * 0.5 * (1.0 + std::cos(std::numbers::pi * t));
    }
    case ScheduleKind::OneCycle: {
        // PyTorch's OneCycleLR defaults: warm up for 30% from lr/25, then anneal to lr/25e4.
        constexpr double warmupShare = 0.3;
        constexpr double startDivisor = 25.0;
        constexpr double finalDivisor = 1e4;
        const double start = base / startDivisor;
        const double end = start / finalDivisor;
        auto cosine = [](double from, double to, double t) {
            return to + (from - to) * 0.5 * (1.0 + std::cos(std::numbers::pi * t));
        };
        if (progress < warmupShare)
            return cosine(start, base, progress / warmupShare);
        return cosine(base, end, (progress - warmupShare) / (1.0 - warmupShare));
    }
    }
    return base;
}

int effectiveThreads(const TrainingConfig& c) {
    if (c.threads > 0)
        return c.threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

} // namespace inception
