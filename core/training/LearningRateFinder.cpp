#include "core/training/LearningRateFinder.hpp"

#include "core/base/CpuFeatures.hpp"
#include "core/base/InputError.hpp"
#include "core/data/BatchPrefetcher.hpp"
#include "core/data/Dataset.hpp"
#include "core/model/Autocast.hpp"
#include "core/model/GoogLeNet.hpp"
#include "core/training/Optimizers.hpp"

#include <cmath>

namespace inception {

namespace F = torch::nn::functional;

namespace {

void requireValid(const LearningRateSweep& s) {
    if (!(s.minRate > 0 && s.maxRate > s.minRate && std::isfinite(s.maxRate)))
        throw InputError("--min-lr/--max-lr", "need 0 < min < max");
    if (s.steps < 5 || s.steps > 100000)
        throw InputError("--steps", "must be between 5 and 100000");
    if (!(s.divergence > 1))
        throw InputError("--divergence", "must be greater than 1");
    if (!(s.smoothing >= 0 && s.smoothing < 1))
        throw InputError("--smoothing", "must be in [0, 1)");
}

// Training batches without end: epoch after epoch of shuffled, augmented batches.
class EndlessBatches {
public:
    EndlessBatches(DatasetSplit split, const TrainingConfig& config)
        : split_(std::move(split)), config_(config) {}

    TrainingBatch next() {
        for (;;) {
            if (!prefetcher_)
                prefetcher_ = std::make_unique<BatchPrefetcher>(
                    split_, EpochPlan{.order = torch::randperm(split_.size(), torch::kInt64),
                                      .batchSize = config_.batchSize,
                                      .augmentation = config_.augmentation,
                                      .runSeed = config_.seed,
                                      .epoch = ++epoch_});
            if (auto batch = prefetcher_->next())
                return std::move(*batch);
            prefetcher_.reset();
        }
    }

private:
    DatasetSplit split_;
    TrainingConfig config_;
    int epoch_ = 0;
    std::unique_ptr<BatchPrefetcher> prefetcher_;
};

} // namespace

std::optional<double> suggestRate(const std::vector<LearningRatePoint>& points) {
    std::size_t lowest = 0;
    for (std::size_t i = 1; i < points.size(); ++i)
        if (points[i].smoothedLoss < points[lowest].smoothedLoss)
            lowest = i;
    // The steepest fall before the minimum, over windows of a tenth of the sweep (one batch's
    // noise is not a trend), skipping the first tenth (where the smoothing starts).
    const std::size_t span = std::max<std::size_t>(1, points.size() / 10);
    std::optional<std::size_t> steepest;
    double steepestSlope = 0.0;
    for (std::size_t i = 2 * span; i <= lowest; ++i) {
        const LearningRatePoint& from = points[i - span];
        const double slope = (points[i].smoothedLoss - from.smoothedLoss) /
                             (std::log(points[i].rate) - std::log(from.rate));
        if (slope < steepestSlope) {
            steepestSlope = slope;
            steepest = i;
        }
    }
    if (!steepest)
        return std::nullopt;
    // The window's middle on the log axis.
    return std::sqrt(points[*steepest].rate * points[*steepest - span].rate);
}

LearningRateCurve findLearningRate(const ModelSpec& spec, const TrainingConfig& config,
                                   std::shared_ptr<const Dataset> data,
                                   const LearningRateSweep& sweep,
                                   const std::function<bool(const LearningRatePoint&)>& onPoint) {
    inception::requireValid(config);
    requireValid(sweep);
    requireValid(spec, "--model");
    requireModelFitsData(spec, *data);
    torch::set_num_threads(effectiveThreads(config));
    torch::manual_seed(config.seed);
    ModelSpec fitted = spec;
    const DatasetSplit train = data->train.first(config.limitTrain);
    if (config.augmentation.normalize && !fitted.input.normalizes()) {
        const auto stats = channelStatistics(train);
        fitted.input.mean = stats.mean;
        fitted.input.std = stats.std;
    }
    GoogLeNet model(fitted);
    initializeWeights(model);
    model->train();
    const auto optimizer = makeOptimizer(config, model);
    const Precision precision = choosePrecision(config.precision, thisCpu(), "cpu").precision;
    const auto lossOptions = F::CrossEntropyFuncOptions().label_smoothing(config.labelSmoothing);
    EndlessBatches batches(train, config);

    LearningRateCurve curve;
    double average = 0.0, lowest = INFINITY;
    for (int step = 0; step < sweep.steps; ++step) {
        const double rate = sweep.minRate * std::pow(sweep.maxRate / sweep.minRate,
                                                     static_cast<double>(step) / (sweep.steps - 1));
        setLearningRate(*optimizer, rate);
        const TrainingBatch batch = batches.next();
        optimizer->zero_grad();
        torch::Tensor loss;
        {
            const AutocastScope autocast(precision);
            loss = F::cross_entropy(model->forward(batch.input), batch.labels, lossOptions);
        }
        const double value = loss.item<double>();
        average = sweep.smoothing * average + (1.0 - sweep.smoothing) * value;
        const double smoothed = average / (1.0 - std::pow(sweep.smoothing, step + 1));
        if (!std::isfinite(smoothed) || smoothed > sweep.divergence * lowest) {
            curve.diverged = true;
            break;
        }
        lowest = std::min(lowest, smoothed);
        curve.points.push_back({rate, value, smoothed});
        if (onPoint && !onPoint(curve.points.back()))
            break;
        loss.backward();
        optimizer->step();
    }
    curve.suggestedRate = suggestRate(curve.points);
    return curve;
}

LearningRateCurve findLearningRate(const ModelSpec& spec, const TrainingConfig& config,
                                   const std::string& dataSpec, bool fitSpecToData,
                                   const LearningRateSweep& sweep,
                                   const std::function<bool(const LearningRatePoint&)>& onPoint) {
    auto data = std::make_shared<const Dataset>(loadDataset(dataSpec, inputShapeOf(spec)));
    return findLearningRate(fitSpecToData ? fitToData(spec, *data) : spec, config, data, sweep,
                            onPoint);
}

} // namespace inception
