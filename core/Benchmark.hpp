#pragma once

#include "core/ModelSpec.hpp"

#include <string>

namespace inception {

struct BenchmarkOptions {
    std::string dataSpec = "synthetic:300";
    ModelSpec spec = seedSpec();
    int batches = 10;
    int warmupBatches = 2;
    int batchSize = 256;
    int threads = 0; // 0: every core
};

struct BenchmarkResult {
    std::string dataSpec;
    int threads = 0;
    int batchSize = 0;
    int batches = 0;
    double dataLoadSeconds = 0.0;
    double trainImagesPerSecond = 0.0;
    double evalImagesPerSecond = 0.0;
    double peakMemoryMiB = 0.0; // resident set size, whole process
};

// Steady-state training (Adam, the seed's recipe) and evaluation throughput, after warm-up.
BenchmarkResult runBenchmark(const BenchmarkOptions& options);

} // namespace inception
