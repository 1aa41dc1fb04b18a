#include "core/profiling/Benchmark.hpp"

#include "core/base/InputError.hpp"
#include "core/data/BatchPrefetcher.hpp"
#include "core/data/Dataset.hpp"
#include "core/distributed/Collectives.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/distributed/GradientReducer.hpp"
#include "core/model/Autocast.hpp"
#include "core/model/GoogLeNet.hpp"
#include "core/profiling/LayerProfiler.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/training/TrainingConfig.hpp"

#include <sys/resource.h>

#include <array>
#include <chrono>

namespace inception {

namespace {

using Clock = std::chrono::steady_clock;

double peakResidentMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

// float32 GFLOP/s of a square matrix product, the best of a few timed repetitions.
double matmulPeakGflops() {
    constexpr std::int64_t kSide = 1024;
    const auto a = torch::rand({kSide, kSide});
    const auto b = torch::rand({kSide, kSide});
    auto c = torch::mm(a, b); // warm-up
    double best = 0.0;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        torch::mm_out(c, a, b);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        best = std::max(best, 2.0 * kSide * kSide * kSide / seconds / 1e9);
    }
    return best;
}

// Images per second over `timed` batches after `warmup` untimed ones.
template <typename Step>
double throughput(int warmup, int timed, std::int64_t batchSize, std::int64_t available,
                  Step step) {
    const std::int64_t batches = std::max<std::int64_t>(1, available / batchSize);
    Clock::time_point start;
    std::int64_t images = 0;
    for (int i = 0; i < warmup + timed; ++i) {
        if (i == warmup) {
            start = Clock::now();
            images = 0;
        }
        const std::int64_t from = (i % batches) * batchSize;
        images += step(from, from + batchSize);
    }
    return static_cast<double>(images) /
           std::chrono::duration<double>(Clock::now() - start).count();
}

// The phases of a training step that the benchmark times.
enum Phase { kData, kForward, kBackward, kCommunicate, kOptimizer, kPhases };
using PhaseSeconds = std::array<double, kPhases>;

// Training steps (Adam) over batches made by a BatchPrefetcher, as the Trainer makes them.
// `phases` receives the timed steps' seconds in each Phase: CPU tensors compute synchronously,
// so a clock around each call measures it. With a `reducer`, each step trains on this rank's
// part of the batch and sums the gradients over the ranks.
double trainingThroughput(GoogLeNet& model, torch::optim::Optimizer& optimizer,
                          const DatasetSplit& train, const BenchmarkOptions& o,
                          const AugmentOptions& augmentation, PhaseSeconds& phases,
                          GradientReducer* reducer = nullptr, int rank = 0, int worldSize = 1) {
    model->train();
    const int steps = o.warmupBatches + o.batches;
    const std::int64_t perEpoch = train.size() / o.batchSize * o.batchSize;
    // Enough whole passes over the images for every step, in order (no shuffling to time).
    const auto order = torch::arange(perEpoch, torch::kInt64)
                           .repeat({(std::int64_t{steps} * o.batchSize + perEpoch - 1) / perEpoch})
                           .slice(0, 0, std::int64_t{steps} * o.batchSize);
    BatchPrefetcher prefetcher(train, EpochPlan{.order = order,
                                                .batchSize = o.batchSize,
                                                .firstBatch = 0,
                                                .augmentation = augmentation,
                                                .runSeed = 2020,
                                                .epoch = 1,
                                                .rank = rank,
                                                .worldSize = worldSize});
    Clock::time_point start;
    std::int64_t images = 0;
    for (int i = 0; i < steps; ++i) {
        if (i == o.warmupBatches) {
            start = Clock::now();
            images = 0;
            phases.fill(0.0);
        }
        auto mark = Clock::now();
        auto lap = [&](int phase) {
            const auto now = Clock::now();
            phases[static_cast<std::size_t>(phase)] +=
                std::chrono::duration<double>(now - mark).count();
            mark = now;
        };
        const auto batch = prefetcher.next();
        lap(kData);
        optimizer.zero_grad();
        const auto share =
            static_cast<double>(batch->labels.size(0)) / static_cast<double>(batch->batchSize);
        torch::Tensor loss;
        {
            const AutocastScope autocast(o.precision);
            loss =
                torch::nn::functional::cross_entropy(model->forward(batch->input), batch->labels);
        }
        lap(kForward);
        (share == 1.0 ? loss : loss * share).backward();
        lap(kBackward);
        if (reducer)
            reducer->finishStep();
        lap(kCommunicate);
        optimizer.step();
        lap(kOptimizer);
        images += batch->labels.size(0);
    }
    return static_cast<double>(images) /
           std::chrono::duration<double>(Clock::now() - start).count();
}

// What every benchmark trains: the options' data (at least one batch of it), and the spec's
// model for its classes, seeded, with the seed recipe's Adam. Sets the thread count.
struct BenchmarkSetup {
    int threads = 0;
    double dataLoadSeconds = 0.0;
    Dataset data;
    ModelSpec spec;
    GoogLeNet model{nullptr};
    std::unique_ptr<torch::optim::Adam> optimizer;
};

BenchmarkSetup setUp(const BenchmarkOptions& o) {
    if (o.batches < 1)
        throw InputError("--batches", "must be at least 1");
    BenchmarkSetup s;
    TrainingConfig threads;
    threads.threads = o.threads;
    s.threads = effectiveThreads(threads);
    torch::set_num_threads(s.threads);

    const auto loadStart = Clock::now();
    s.data = loadDataset(o.dataSpec, inputShapeOf(o.spec));
    s.dataLoadSeconds = std::chrono::duration<double>(Clock::now() - loadStart).count();
    if (s.data.train.size() < o.batchSize)
        throw InputError("--data", "needs at least one batch of " + std::to_string(o.batchSize) +
                                       " training images, has " +
                                       std::to_string(s.data.train.size()));
    s.spec = o.spec;
    s.spec.head.classes = s.data.classes();
    torch::manual_seed(2020);
    s.model = GoogLeNet(s.spec);
    initializeWeights(s.model);
    s.optimizer = std::make_unique<torch::optim::Adam>(s.model->parameters(),
                                                       torch::optim::AdamOptions(1e-3));
    return s;
}

} // namespace

BenchmarkResult runBenchmark(const BenchmarkOptions& o) {
    BenchmarkSetup setup = setUp(o);
    const Dataset& data = setup.data;
    const ModelSpec& spec = setup.spec;
    GoogLeNet& model = setup.model;
    torch::optim::Adam& optimizer = *setup.optimizer;
    BenchmarkResult r;
    r.dataSpec = o.dataSpec;
    r.precision = o.precision;
    r.batchSize = o.batchSize;
    r.batches = o.batches;
    r.threads = setup.threads;
    r.dataLoadSeconds = setup.dataLoadSeconds;
    const auto& images = data.train.images;

    // The seed recipe's steps, fed by the trainer's prefetch thread; with augmentation off
    // first, then (when asked) on, on the same model.
    PhaseSeconds phases{};
    r.trainImagesPerSecond = trainingThroughput(model, optimizer, data.train, o, {}, phases);
    if (o.augment) {
        PhaseSeconds augmentedPhases{};
        r.augmentation = standardAugmentation();
        r.trainAugmentedImagesPerSecond =
            trainingThroughput(model, optimizer, data.train, o, r.augmentation, augmentedPhases);
    }

    if (o.profile)
        r.layers = profileLayers(model, imagesToInput(images.slice(0, 0, o.batchSize)),
                                 data.train.labels.slice(0, 0, o.batchSize), o.batches);

    torch::NoGradGuard noGrad;
    model->eval();
    {
        const AutocastScope autocast(o.precision); // not over the float32 matmul peak below
        r.evalImagesPerSecond =
            throughput(o.warmupBatches, o.batches, o.batchSize, data.train.size(),
                       [&](std::int64_t from, std::int64_t to) {
                           model->forward(toModelInput(images.slice(0, from, to)));
                           return to - from;
                       });
    }
    r.peakMemoryMiB = peakResidentMiB();
    const double trainSeconds = o.batches * o.batchSize / r.trainImagesPerSecond;
    r.trainDataShare = phases[kData] / trainSeconds;
    r.trainForwardShare = phases[kForward] / trainSeconds;
    r.trainBackwardShare = phases[kBackward] / trainSeconds;
    r.trainOptimizerShare = phases[kOptimizer] / trainSeconds;
    const double forwardGflop = 2.0 * static_cast<double>(analyze(spec).macs) / 1e9;
    r.trainGflops = 3.0 * forwardGflop * r.trainImagesPerSecond;
    r.evalGflops = forwardGflop * r.evalImagesPerSecond;
    r.matmulPeakGflops = matmulPeakGflops();
    return r;
}

DistributedBenchmarkResult runDistributedBenchmark(const BenchmarkOptions& o,
                                                   Communicator& communicator) {
    const int ranks = communicator.worldSize();
    requireSplittable(o.batchSize, ranks);
    DistributedBenchmarkResult r;
    r.worldSize = ranks;
    r.backend = communicator.backend();
    r.batchSize = o.batchSize;
    r.batches = o.batches;
    BenchmarkSetup setup = setUp(o);
    r.threadsPerRank = setup.threads;
    GradientReducer reducer(setup.model->parameters(), communicator.collectives());
    r.buckets = reducer.buckets();
    r.gradientMegabytesPerStep = static_cast<double>(reducer.bytesPerStep()) / 1e6;

    PhaseSeconds phases{};
    const double mine = trainingThroughput(setup.model, *setup.optimizer, setup.data.train, o, {},
                                           phases, &reducer, communicator.rank(), ranks);
    double stepSeconds = 0.0;
    for (const double seconds : phases)
        stepSeconds += seconds;
    // Each rank's figures at its own place, summed: every rank learns all of them.
    auto figures = torch::zeros({2, ranks}, torch::kFloat64);
    figures[0][communicator.rank()] = mine;
    figures[1][communicator.rank()] = phases[kCommunicate] / stepSeconds;
    communicator.collectives().allReduceSum(figures, "gathering the benchmark of every rank");
    const auto* f = figures.data_ptr<double>();
    r.rankImagesPerSecond.assign(f, f + ranks);
    r.rankCommunicationShare.assign(f + ranks, f + 2 * ranks);
    for (const double rate : r.rankImagesPerSecond)
        r.imagesPerSecond += rate;
    return r;
}

} // namespace inception
