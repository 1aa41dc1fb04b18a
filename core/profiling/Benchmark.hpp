#pragma once

#include "core/data/Augmentation.hpp"
#include "core/profiling/LayerProfile.hpp"
#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <string>
#include <vector>

namespace inception {

struct BenchmarkOptions {
    std::string dataSpec = "synthetic:300";
    ModelSpec spec = seedSpec();
    int batches = 10;
    int warmupBatches = 2;
    int batchSize = 256;
    int threads = 0;                          // 0: every core
    Precision precision = Precision::Float32; // of the forward passes (TrainingConfig)
    // Also time training with the standard augmentation (crops and flips) on the prefetch
    // thread, to compare with training without it.
    bool augment = false;
    // Also time each part of the network (LayerProfiler) over `batches` steps.
    bool profile = false;
};

struct BenchmarkResult {
    std::string dataSpec;
    Precision precision = Precision::Float32;
    int threads = 0;
    int batchSize = 0;
    int batches = 0;
    double dataLoadSeconds = 0.0;
    double trainImagesPerSecond = 0.0;
    double evalImagesPerSecond = 0.0;
    AugmentOptions augmentation;              // what the augmented pass used
    double trainAugmentedImagesPerSecond = 0; // 0 when not measured
    LayerProfile layers;                      // empty when not asked for
    double peakMemoryMiB = 0.0;               // resident set size, whole process
    // Of the timed training steps, the shares of: waiting for the batch (prefetched), the
    // forward pass with the loss, the backward pass, and the optimizer's step.
    double trainDataShare = 0.0;
    double trainForwardShare = 0.0;
    double trainBackwardShare = 0.0;
    double trainOptimizerShare = 0.0;
    // Arithmetic done: 2 FLOP per multiply-accumulate; training counts forward and backward
    // (the backward pass costs about twice the forward).
    double trainGflops = 0.0;
    double evalGflops = 0.0;
    // A float32 1024 x 1024 matrix product on the same threads: what the cores can do.
    double matmulPeakGflops = 0.0;
};

// Steady-state training (Adam, the seed's recipe) and evaluation throughput, after warm-up.
BenchmarkResult runBenchmark(const BenchmarkOptions& options);

class Communicator;

// Data-parallel training as the Trainer runs it: each rank takes its part of every batch of
// `batchSize` images and the gradients are summed in buckets during the backward pass.
struct DistributedBenchmarkResult {
    int worldSize = 1;
    std::string backend;
    int threadsPerRank = 0;
    int batchSize = 0; // the whole batch, over every rank
    int batches = 0;
    std::vector<double> rankImagesPerSecond; // each rank's own images
    double imagesPerSecond = 0.0;            // all ranks together
    // Of each rank's timed steps: the time waiting for gradient sums that the backward pass
    // did not hide, and the time of the whole step.
    std::vector<double> rankCommunicationShare;
    int buckets = 0;
    double gradientMegabytesPerStep = 0.0; // summed by each rank every step
};

// Every rank calls it; every rank gets the whole group's figures.
DistributedBenchmarkResult runDistributedBenchmark(const BenchmarkOptions& options,
                                                   Communicator& communicator);

} // namespace inception
