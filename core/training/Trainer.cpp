#include "core/training/Trainer.hpp"

#include "core/base/CpuFeatures.hpp"
#include "core/base/InputError.hpp"
#include "core/base/PrintableText.hpp"
#include "core/base/Timestamp.hpp"
#include "core/data/BatchPrefetcher.hpp"
#include "core/data/Dataset.hpp"
#include "core/distributed/Collectives.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/distributed/GradientReducer.hpp"
#include "core/evaluation/Evaluator.hpp"
#include "core/model/Autocast.hpp"
#include "core/model/GoogLeNet.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/CheckpointFiles.hpp"
#include "core/training/EventJson.hpp"
#include "core/training/Optimizers.hpp"
#include "core/training/StoppingRules.hpp"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>

namespace inception {

namespace F = torch::nn::functional;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

torch::Tensor generatorState() {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setGeneratorState(const torch::Tensor& state) {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

// A training step's sums over the batch (over every rank in a data-parallel run).
struct StepTotals {
    double lossSum = 0.0;
    std::int64_t correct = 0;
    std::int64_t seen = 0;
    bool stop = false; // a stop was asked for, on this rank or any other
};

} // namespace

struct Trainer::Impl {
    std::shared_ptr<const Dataset> data;
    DatasetSplit train;
    DatasetSplit test;
    torch::Device device{torch::kCPU};
    GoogLeNet model{nullptr};
    // The moving average of the weights (config.emaDecay > 0): what evaluation sees.
    GoogLeNet average{nullptr};
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::vector<TrainingObserver*> observers;
    std::string checkpointFolder;
    CheckpointMeta state;     // spec, config, position and history
    torch::Tensor epochOrder; // order of the epoch in progress
    // Torch's default generator (dropout draws from it) is process-wide: each trainer keeps
    // its own state and installs it while it runs, so trainers do not disturb each other.
    torch::Tensor rng;
    bool running = false;
    // Data-parallel runs only.
    std::shared_ptr<Communicator> group;
    std::unique_ptr<GradientReducer> reducer;
    bool checkReplicas = false;
    std::int64_t steps = 0;

    Impl(const ModelSpec& spec, const TrainingConfig& config, std::shared_ptr<const Dataset> d)
        : data(std::move(d)) {
        requireValid(spec, "--model");
        requireValid(config);
        requireModelFitsData(spec, *data);
        if (config.device == "cuda") {
            if (!torch::cuda::is_available())
                throw InputError("--device", "cuda is not available in this build of LibTorch "
                                             "or on this machine");
            device = torch::Device(torch::kCUDA);
        }
        state.spec = spec;
        if (config.augmentation.normalize && !spec.input.normalizes()) {
            const auto stats = channelStatistics(data->train.first(config.limitTrain));
            state.spec.input.mean = stats.mean;
            state.spec.input.std = stats.std;
        }
        state.config = config;
        state.precision = choosePrecision(config.precision, thisCpu(), config.device);
        state.dataset = data->identity;
        state.classNames = data->classNames;
        train = data->train.first(config.limitTrain);
        test = data->test.first(config.limitTest);
        torch::set_num_threads(effectiveThreads(config));
        torch::manual_seed(config.seed);
        model = GoogLeNet(state.spec);
        initializeWeights(model);
        model->to(device);
        if (config.emaDecay > 0.0) {
            average = GoogLeNet(state.spec);
            average->to(device);
            copyWeights(model, average);
        }
        optimizer = makeOptimizer(config, model);
        rng = generatorState();
    }

    int batchesPerEpoch() const {
        const auto b = state.config.batchSize;
        return static_cast<int>((train.size() + b - 1) / b);
    }

    template <typename Event> void notify(Event&& event) {
        for (auto* o : observers)
            event(*o);
    }

    CheckpointMeta snapshot() const {
        CheckpointMeta meta = state;
        meta.created = utcTimestamp();
        return meta;
    }

    void save(const std::string& path, bool midEpoch) {
        inception::saveCheckpoint(
            path, snapshot(), model, optimizer.get(),
            {running ? generatorState() : rng, midEpoch ? epochOrder : torch::Tensor()},
            average ? &average : nullptr);
        notify([&](TrainingObserver& o) { o.checkpointSaved(path); });
    }

    // A copy the user asked for: a failure to write it is reported, not fatal to the run.
    void saveRequestedCheckpoint(TrainingControl& control) {
        const auto path = control.takeCheckpointRequest();
        if (!path)
            return;
        try {
            save(*path, true);
        } catch (const InputError& e) {
            notify([&](TrainingObserver& o) { o.checkpointFailed(*path, e.oneLine()); });
        }
    }

    std::string checkpointPath(RunCheckpoint which) const {
        return (std::filesystem::path(checkpointFolder) / checkpointFileName(which)).string();
    }

    RunDescription describe() const {
        RunDescription d;
        d.spec = state.spec;
        d.config = state.config;
        d.dataset = state.dataset;
        d.classNames = state.classNames;
        d.precision = state.precision;
        d.threads = torch::get_num_threads();
        d.device = device.str();
        d.cpu = thisCpu().name;
        d.startEpoch = state.epochsCompleted + 1;
        d.startBatch = state.batchesIntoEpoch;
        d.batchesPerEpoch = batchesPerEpoch();
        if (group) {
            d.worldSize = group->worldSize();
            d.backend = group->backend();
            d.checkReplicas = checkReplicas;
        }
        return d;
    }

    StepTotals forwardBackward(const TrainingBatch& batch,
                               const F::CrossEntropyFuncOptions& lossOptions, bool stopAsked);
    void afterStep();
    // ema = d * ema + (1 - d) * weights for every parameter and floating buffer, where
    // d = min(decay, (1 + step) / (10 + step)) at global step `step` (0-based): early steps
    // average over fewer steps, so the first epochs' evaluations are not of the initial weights.
    void updateAverage(std::int64_t step);
    EvaluationResult evaluateTest();
    // Wall time of an epoch without its pauses.
    struct EpochTiming {
        Clock::time_point start = Clock::now();
        double pausedSeconds = 0.0;
        // Images of the epoch trained before a resume: not part of this process's speed.
        std::int64_t seenBefore = 0;
        double seconds() const { return secondsSince(start) - pausedSeconds; }
        double imagesPerSecond(std::int64_t seen) const {
            return static_cast<double>(seen - seenBefore) / seconds();
        }
    };
    RunOutcome runEpochs(TrainingControl& control);
    // The epoch's batches; an outcome when the run stops or diverges in them.
    std::optional<RunOutcome> trainEpoch(int epoch, TrainingControl& control, EpochTiming& timing,
                                         double& lr, bool& stopAgreed);
    RunOutcome stoppedAt(int epoch, int batch);
    RunOutcome divergedAt(double loss, int epoch, int batch);
    // Evaluates, tells the observers and writes the checkpoints; returns the last one.
    std::optional<std::string> finishEpoch(int epoch, const EpochTiming& timing, double lr);
};

StepTotals Trainer::Impl::forwardBackward(const TrainingBatch& batch,
                                          const F::CrossEntropyFuncOptions& lossOptions,
                                          bool stopAsked) {
    StepTotals totals;
    totals.stop = stopAsked;
    const std::int64_t rows = batch.labels.size(0);
    if (rows > 0) { // a rank may hold none of a batch smaller than the ranks
        const auto input = batch.input.to(device);
        const auto labels = batch.labels.to(device);
        model->setBatchPart(batch.position, batch.batchSize);
        torch::Tensor logits, loss;
        {
            const AutocastScope autocast(state.precision.precision);
            logits = model->forward(input);
            loss = F::cross_entropy(logits, labels, lossOptions);
        }
        const double meanLoss = loss.item<double>();
        totals.lossSum = meanLoss * static_cast<double>(rows);
        totals.correct = logits.argmax(1).eq(labels).sum().item<std::int64_t>();
        totals.seen = rows;
        // Each part's mean loss weighted by its share of the batch: the sum over the ranks is
        // the gradient of the whole batch's mean. A diverged loss is not propagated.
        if (std::isfinite(meanLoss))
            (rows == batch.batchSize
                 ? loss
                 : loss * (static_cast<double>(rows) / static_cast<double>(batch.batchSize)))
                .backward();
    }
    if (!group)
        return totals;
    reducer->finishStep();
    auto sums = torch::tensor({totals.lossSum, static_cast<double>(totals.correct),
                               static_cast<double>(totals.seen), stopAsked ? 1.0 : 0.0},
                              torch::kFloat64);
    group->collectives().allReduceSum(sums, "summing the batch's loss over every rank");
    const auto* s = sums.data_ptr<double>();
    return {s[0], static_cast<std::int64_t>(s[1]), static_cast<std::int64_t>(s[2]), s[3] > 0.0};
}

void Trainer::Impl::updateAverage(std::int64_t step) {
    torch::NoGradGuard noGrad;
    const double decay = averageDecayAt(state.config.emaDecay, step);
    const auto weights = model->parameters();
    const auto averaged = average->parameters();
    for (std::size_t i = 0; i < weights.size(); ++i)
        averaged[i].mul_(decay).add_(weights[i], 1.0 - decay);
    const auto buffers = model->buffers();
    const auto averagedBuffers = average->buffers();
    for (std::size_t i = 0; i < buffers.size(); ++i) {
        if (buffers[i].is_floating_point())
            averagedBuffers[i].mul_(decay).add_(buffers[i], 1.0 - decay);
        else // batch norm's count of batches
            averagedBuffers[i].copy_(buffers[i]);
    }
}

void Trainer::Impl::afterStep() {
    ++steps;
    if (!group)
        return;
    // Batch-norm statistics are each rank's own: rank 0's stand for all, as in PyTorch's DDP.
    auto buffers = model->buffers();
    if (!buffers.empty())
        group->collectives().broadcast(buffers, 0, "copying rank 0's batch-norm statistics");
    if (!checkReplicas)
        return;
    if (!group->collectives().identicalOnEveryRank(model->parameters(),
                                                   "comparing the weights of every rank"))
        throw std::runtime_error("--check-replicas: the ranks' weights differ after step " +
                                 std::to_string(steps));
}

EvaluationResult Trainer::Impl::evaluateTest() {
    const AutocastScope autocast(state.precision.precision);
    GoogLeNet& evaluated = average ? average : model;
    if (group)
        return evaluateSharded(evaluated, test, data->classes(), device, kEvaluationBatch,
                               group->collectives(), state.config.tta);
    return evaluate(evaluated, test, data->classes(), device, kEvaluationBatch, true,
                    state.config.tta);
}

Trainer::Trainer(const ModelSpec& spec, const TrainingConfig& config,
                 std::shared_ptr<const Dataset> data)
    : impl_(std::make_unique<Impl>(spec, config, std::move(data))) {}

Trainer::Trainer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

void Trainer::joinDataParallel(std::shared_ptr<Communicator> communicator, bool checkReplicas) {
    Impl& i = *impl_;
    requireSplittable(i.state.config.batchSize, communicator->worldSize());
    TrainingConfig shared = i.state.config;
    shared.threads = 0; // each rank may use its own cores
    communicator->requireSameOnEveryRank(
        "model, settings, data or position",
        toJson(i.state.spec) + toJson(shared) + i.state.dataset.hash + " " +
            std::to_string(i.train.size()) + " " + std::to_string(i.state.epochsCompleted) + " " +
            std::to_string(i.state.batchesIntoEpoch));
    std::vector<torch::Tensor> weights = i.model->parameters();
    for (const auto& buffer : i.model->buffers())
        weights.push_back(buffer);
    if (i.average) {
        for (const auto& parameter : i.average->parameters())
            weights.push_back(parameter);
        for (const auto& buffer : i.average->buffers())
            weights.push_back(buffer);
    }
    communicator->collectives().broadcast(weights, 0, "copying rank 0's weights to every rank");
    i.reducer =
        std::make_unique<GradientReducer>(i.model->parameters(), communicator->collectives());
    i.group = std::move(communicator);
    i.checkReplicas = checkReplicas;
}

Trainer::~Trainer() = default;

std::unique_ptr<Trainer> Trainer::resume(const std::string& checkpoint,
                                         std::shared_ptr<const Dataset> data,
                                         std::optional<int> epochs) {
    CheckpointReader reader(checkpoint);
    CheckpointMeta meta = reader.meta();
    // Imported weights name no dataset: they may be fine-tuned on any data that fits them.
    if (!meta.dataset.hash.empty() && meta.dataset.hash != data->identity.hash)
        throw InputError("--resume", checkpoint + " was trained on " + meta.dataset.kind +
                                         " data " + meta.dataset.hash + " (" + meta.dataset.path +
                                         "), not on the given " + data->identity.kind + " data " +
                                         data->identity.hash);
    if (epochs)
        meta.config.epochs = *epochs;
    auto impl = std::make_unique<Impl>(meta.spec, meta.config, std::move(data));
    reader.loadTrainingWeights(impl->model);
    if (impl->average) {
        if (reader.hasAveragedWeights())
            reader.loadAveragedWeights(impl->average);
        else // a run that kept no average, or imported weights: start it from the weights
            copyWeights(impl->model, impl->average);
    }
    const bool neverTrainedHere = meta.epochsCompleted == 0 && meta.batchesIntoEpoch == 0;
    if (!neverTrainedHere || reader.hasOptimizerState())
        reader.loadOptimizer(*impl->optimizer);
    const CheckpointTensors tensors = reader.tensors();
    if (tensors.rngState.defined())
        impl->rng = tensors.rngState;
    if (tensors.epochOrder.defined()) {
        if (tensors.epochOrder.numel() != impl->train.size())
            throw InputError(
                checkpoint, "was taken mid-epoch on " + std::to_string(tensors.epochOrder.numel()) +
                                " training images, not " + std::to_string(impl->train.size()));
        impl->epochOrder = tensors.epochOrder;
    } else if (meta.batchesIntoEpoch > 0) {
        throw InputError(checkpoint, "was taken mid-epoch but lacks that epoch's order");
    }
    if (meta.dataset.hash.empty()) {
        meta.dataset = impl->state.dataset;
        meta.classNames = impl->state.classNames;
    }
    if (meta.precision.precision == Precision::BFloat16 && !thisCpu().hasBf16() &&
        meta.precision.reason.find("resumed on") == std::string::npos)
        meta.precision.reason += "; resumed on " + thisCpu().name +
                                 ", which has no BF16 instructions: kept for the same "
                                 "arithmetic, at a fraction of the speed";
    impl->state = std::move(meta);
    return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
}

void Trainer::addObserver(TrainingObserver* observer) {
    impl_->observers.push_back(observer);
}

void Trainer::setCheckpointDirectory(const std::string& folder) {
    impl_->checkpointFolder = folder;
}

void Trainer::saveCheckpoint(const std::string& path) {
    impl_->save(path, impl_->epochOrder.defined());
}

const ModelSpec& Trainer::spec() const {
    return impl_->state.spec;
}
const TrainingConfig& Trainer::config() const {
    return impl_->state.config;
}
const std::vector<EpochSummary>& Trainer::history() const {
    return impl_->state.history;
}
RunDescription Trainer::description() const {
    return impl_->describe();
}

RunOutcome Trainer::run(TrainingControl& control) {
    RunOutcome outcome;
    setGeneratorState(impl_->rng);
    impl_->running = true;
    try {
        impl_->notify([d = impl_->describe()](TrainingObserver& o) { o.runStarted(d); });
        outcome = impl_->runEpochs(control);
    } catch (const InputError& e) {
        outcome.status = RunStatus::Failed;
        outcome.cause = FailureCause::BadInput;
        outcome.message = e.oneLine();
    } catch (const DistributedError& e) {
        outcome.status = RunStatus::Failed;
        outcome.cause = FailureCause::GroupFailed;
        outcome.message = printableLine(e.what());
    } catch (const c10::Error& e) {
        outcome.status = RunStatus::Failed;
        outcome.cause = FailureCause::Internal;
        outcome.message = printableLine(e.what_without_backtrace());
    } catch (const std::exception& e) {
        outcome.status = RunStatus::Failed;
        outcome.cause = FailureCause::Internal;
        outcome.message = printableLine(e.what());
    }
    impl_->rng = generatorState();
    impl_->running = false;
    outcome.epochsCompleted = impl_->state.epochsCompleted;
    try {
        impl_->notify([&](TrainingObserver& o) { o.runEnded(outcome); });
    } catch (const InputError& e) { // the run's last files cannot be written
        if (outcome.status != RunStatus::Failed) {
            outcome.status = RunStatus::Failed;
            outcome.cause = FailureCause::BadInput;
            outcome.message = e.oneLine();
        }
    } catch (const std::exception& e) {
        if (outcome.status != RunStatus::Failed) {
            outcome.status = RunStatus::Failed;
            outcome.cause = FailureCause::Internal;
            outcome.message = printableLine(e.what());
        }
    }
    return outcome;
}

RunOutcome Trainer::Impl::runEpochs(TrainingControl& control) {
    RunOutcome outcome;
    bool stopAgreed = false; // data-parallel: every rank stops after the same batch
    for (int epoch = state.epochsCompleted + 1; epoch <= state.config.epochs; ++epoch) {
        EpochTiming timing;
        double lr = state.config.learningRate;
        if (auto ended = trainEpoch(epoch, control, timing, lr, stopAgreed))
            return *ended;
        if (auto checkpoint = finishEpoch(epoch, timing, lr))
            outcome.checkpoint = *checkpoint;
        if (auto stop =
                earlyStopAfterEpoch(state.config, state.history, control.stopAfterEpoch())) {
            outcome.status = stop->status;
            outcome.message = stop->message;
            return outcome;
        }
    }
    outcome.status = RunStatus::Finished;
    return outcome;
}

std::optional<RunOutcome> Trainer::Impl::trainEpoch(int epoch, TrainingControl& control,
                                                    EpochTiming& timing, double& lr,
                                                    bool& stopAgreed) {
    const TrainingConfig& c = state.config;
    const int batches = batchesPerEpoch();
    const std::int64_t totalSteps = std::int64_t{batches} * c.epochs;
    const auto lossOptions = F::CrossEntropyFuncOptions().label_smoothing(c.labelSmoothing);
    if (!epochOrder.defined()) { // a resumed stop brings the order of its epoch
        epochOrder = torch::randperm(train.size(), torch::kInt64);
        state.partialLossSum = 0.0;
        state.partialCorrect = state.partialSeen = 0;
    }
    timing.seenBefore = state.partialSeen;
    model->train();
    BatchPrefetcher prefetcher(train, EpochPlan{.order = epochOrder,
                                                .batchSize = c.batchSize,
                                                .firstBatch = state.batchesIntoEpoch,
                                                .augmentation = c.augmentation,
                                                .runSeed = c.seed,
                                                .epoch = epoch,
                                                .rank = group ? group->rank() : 0,
                                                .worldSize = group ? group->worldSize() : 1});
    for (int b = state.batchesIntoEpoch; b < batches; ++b) {
        if (!group && control.pauseRequested()) {
            const auto pauseStart = Clock::now();
            control.waitWhilePaused([&] { saveRequestedCheckpoint(control); });
            timing.pausedSeconds += secondsSince(pauseStart);
        }
        saveRequestedCheckpoint(control);
        if (group ? stopAgreed : control.cancelRequested())
            return stoppedAt(epoch, b);
        std::optional<TrainingBatch> batch = prefetcher.next();
        if (!batch)
            throw std::logic_error("the batch prefetcher ended before the epoch");
        lr = learningRateAt(c, std::int64_t{epoch - 1} * batches + b, batches, totalSteps);
        setLearningRate(*optimizer, lr);
        optimizer->zero_grad();
        const StepTotals step = forwardBackward(*batch, lossOptions, control.cancelRequested());
        const double lossValue = step.lossSum / static_cast<double>(step.seen);
        if (!std::isfinite(lossValue))
            return divergedAt(lossValue, epoch, b + 1);
        optimizer->step();
        afterStep(); // data-parallel: rank 0's batch-norm statistics first, then the average
        if (average)
            updateAverage(std::int64_t{epoch - 1} * batches + b);
        stopAgreed = step.stop;

        state.partialLossSum += step.lossSum;
        state.partialCorrect += step.correct;
        state.partialSeen += step.seen;
        state.batchesIntoEpoch = b + 1;
        const BatchProgress progress{epoch,
                                     c.epochs,
                                     b + 1,
                                     batches,
                                     lossValue,
                                     lr,
                                     timing.imagesPerSecond(state.partialSeen)};
        notify([&](TrainingObserver& o) { o.batchFinished(progress); });
    }
    return std::nullopt;
}

RunOutcome Trainer::Impl::stoppedAt(int epoch, int batch) {
    RunOutcome outcome;
    outcome.status = RunStatus::Stopped;
    outcome.message =
        "stopped at epoch " + std::to_string(epoch) + ", batch " + std::to_string(batch);
    if (!checkpointFolder.empty()) {
        outcome.checkpoint = checkpointPath(RunCheckpoint::Last);
        save(outcome.checkpoint, true);
    }
    return outcome;
}

RunOutcome Trainer::Impl::divergedAt(double loss, int epoch, int batch) {
    RunOutcome outcome;
    outcome.status = RunStatus::Failed;
    outcome.cause = FailureCause::Diverged;
    outcome.message = "training diverged: the loss is " + std::to_string(loss) + " at epoch " +
                      std::to_string(epoch) + ", batch " + std::to_string(batch);
    return outcome;
}

std::optional<std::string> Trainer::Impl::finishEpoch(int epoch, const EpochTiming& timing,
                                                      double lr) {
    const double trainImagesPerSecond = timing.imagesPerSecond(state.partialSeen);
    const auto evaluationStart = Clock::now();
    EvaluationResult eval = evaluateTest();
    const double evaluationSeconds = secondsSince(evaluationStart);
    EpochSummary summary;
    summary.epoch = epoch;
    summary.epochs = state.config.epochs;
    summary.trainLoss = state.partialLossSum / static_cast<double>(state.partialSeen);
    summary.trainAccuracy =
        static_cast<double>(state.partialCorrect) / static_cast<double>(state.partialSeen);
    summary.testLoss = eval.loss;
    summary.testAccuracy = eval.accuracy();
    summary.learningRate = lr;
    summary.seconds = timing.seconds();
    summary.elapsedSeconds =
        (state.history.empty() ? 0.0 : state.history.back().elapsedSeconds) + summary.seconds;
    summary.imagesPerSecond = trainImagesPerSecond;
    summary.evalImagesPerSecond =
        evaluationSeconds > 0 ? static_cast<double>(test.size()) / evaluationSeconds : 0.0;
    summary.confusion = eval.confusion;

    state.epochsCompleted = epoch;
    state.batchesIntoEpoch = 0;
    epochOrder = torch::Tensor();
    state.history.push_back(summary);
    const bool best = summary.testAccuracy > state.bestTestAccuracy;
    if (best)
        state.bestTestAccuracy = summary.testAccuracy;
    notify([&](TrainingObserver& o) { o.epochFinished(summary, eval.predictions); });
    if (checkpointFolder.empty())
        return std::nullopt;
    const std::string last = checkpointPath(RunCheckpoint::Last);
    save(last, false);
    if (best)
        save(checkpointPath(RunCheckpoint::Best), false);
    return last;
}

double averageDecayAt(double decay, std::int64_t step) {
    const auto t = static_cast<double>(step);
    return std::min(decay, (1.0 + t) / (10.0 + t));
}

} // namespace inception
