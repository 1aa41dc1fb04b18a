#include "core/Benchmark.hpp"

#include "core/BatchPrefetcher.hpp"
#include "core/Dataset.hpp"
#include "core/GoogLeNet.hpp"
#include "core/InputError.hpp"
#include "core/LayerProfiler.hpp"
#include "core/ModelAnalysis.hpp"
#include "core/TrainingConfig.hpp"

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

// Training steps (Adam) over batches made by a BatchPrefetcher, as the Trainer makes them.
// `phases` receives the timed steps' seconds waiting for the batch, in the forward pass with
// the loss, the backward pass and the optimizer's step: CPU tensors compute synchronously, so
// a clock around each call measures it.
double trainingThroughput(GoogLeNet& model, torch::optim::Optimizer& optimizer,
                          const DatasetSplit& train, const BenchmarkOptions& o,
                          const AugmentOptions& augmentation, std::array<double, 4>& phases) {
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
                                                .epoch = 1});
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
        lap(0);
        optimizer.zero_grad();
        const auto loss =
            torch::nn::functional::cross_entropy(model->forward(batch->input), batch->labels);
        lap(1);
        loss.backward();
        lap(2);
        optimizer.step();
        lap(3);
        images += batch->labels.size(0);
    }
    return static_cast<double>(images) /
           std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

BenchmarkResult runBenchmark(const BenchmarkOptions& o) {
    if (o.batches < 1)
        throw InputError("--batches", "must be at least 1");
    BenchmarkResult r;
    r.dataSpec = o.dataSpec;
    r.batchSize = o.batchSize;
    r.batches = o.batches;
    TrainingConfig threads;
    threads.threads = o.threads;
    r.threads = effectiveThreads(threads);
    torch::set_num_threads(r.threads);

    const auto loadStart = Clock::now();
    const Dataset data = loadDataset(o.dataSpec, inputShapeOf(o.spec));
    r.dataLoadSeconds = std::chrono::duration<double>(Clock::now() - loadStart).count();
    if (data.train.size() < o.batchSize)
        throw InputError("--data", "needs at least one batch of " + std::to_string(o.batchSize) +
                                       " training images, has " +
                                       std::to_string(data.train.size()));

    ModelSpec spec = o.spec;
    spec.head.classes = data.classes();
    torch::manual_seed(2020);
    GoogLeNet model(spec);
    initializeWeights(model);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));
    const auto& images = data.train.images;

    // The seed recipe's steps, fed by the trainer's prefetch thread; with augmentation off
    // first, then (when asked) on, on the same model.
    std::array<double, 4> phases{};
    r.trainImagesPerSecond = trainingThroughput(model, optimizer, data.train, o, {}, phases);
    if (o.augment) {
        std::array<double, 4> augmentedPhases{};
        r.augmentation = standardAugmentation();
        r.trainAugmentedImagesPerSecond =
            trainingThroughput(model, optimizer, data.train, o, r.augmentation, augmentedPhases);
    }

    if (o.profile)
        r.layers = profileLayers(model, imagesToInput(images.slice(0, 0, o.batchSize)),
                                 data.train.labels.slice(0, 0, o.batchSize), o.batches);

    torch::NoGradGuard noGrad;
    model->eval();
    r.evalImagesPerSecond = throughput(o.warmupBatches, o.batches, o.batchSize, data.train.size(),
                                       [&](std::int64_t from, std::int64_t to) {
                                           model->forward(toModelInput(images.slice(0, from, to)));
                                           return to - from;
                                       });
    r.peakMemoryMiB = peakResidentMiB();
    const double trainSeconds = o.batches * o.batchSize / r.trainImagesPerSecond;
    r.trainDataShare = phases[0] / trainSeconds;
    r.trainForwardShare = phases[1] / trainSeconds;
    r.trainBackwardShare = phases[2] / trainSeconds;
    r.trainOptimizerShare = phases[3] / trainSeconds;
    const double forwardGflop = 2.0 * static_cast<double>(analyze(spec).macs) / 1e9;
    r.trainGflops = 3.0 * forwardGflop * r.trainImagesPerSecond;
    r.evalGflops = forwardGflop * r.evalImagesPerSecond;
    r.matmulPeakGflops = matmulPeakGflops();
    return r;
}

} // namespace inception
