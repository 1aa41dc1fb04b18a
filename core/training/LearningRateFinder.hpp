#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace inception {

struct Dataset;

// The learning-rate range test (Smith, 2015): train a fresh model for a few steps while the
// rate grows exponentially, and watch the loss.
struct LearningRateSweep {
    double minRate = 1e-5;
    double maxRate = 10.0;
    int steps = 100;
    // Ends the sweep when the smoothed loss passes this multiple of its lowest value.
    double divergence = 4.0;
    // Weight of the past in the loss's exponential smoothing (bias-corrected).
    double smoothing = 0.9;
};

struct LearningRatePoint {
    double rate = 0.0;
    double loss = 0.0;         // the step's loss
    double smoothedLoss = 0.0; // what the suggestion reads
};

struct LearningRateCurve {
    std::vector<LearningRatePoint> points;
    bool diverged = false; // the sweep ended early: the loss blew up
    // The rate where the smoothed loss falls fastest against log(rate) (over a tenth of the
    // sweep), before its minimum; none when the loss never fell.
    std::optional<double> suggestedRate;
};

// The suggestion for a curve: a pure function of its points (tested on its own).
std::optional<double> suggestRate(const std::vector<LearningRatePoint>& points);

// Runs the sweep with `config`'s optimizer, batch size, augmentation, loss and precision on a
// fresh model of `spec` (config.seed's weights). `onPoint` sees each point as it is measured,
// on the calling thread, and ends the sweep early when it returns false. Throws InputError for
// a bad setting.
LearningRateCurve
findLearningRate(const ModelSpec& spec, const TrainingConfig& config,
                 std::shared_ptr<const Dataset> data, const LearningRateSweep& sweep,
                 const std::function<bool(const LearningRatePoint&)>& onPoint = {});

// The same on the data `dataSpec` names (DataSource.hpp), loaded at the spec's image size; with
// `fitSpecToData` the spec first takes the data's image size, channels and classes. A plain-
// value entry point for front ends that keep LibTorch out of their headers.
LearningRateCurve
findLearningRate(const ModelSpec& spec, const TrainingConfig& config, const std::string& dataSpec,
                 bool fitSpecToData, const LearningRateSweep& sweep,
                 const std::function<bool(const LearningRatePoint&)>& onPoint = {});

} // namespace inception
