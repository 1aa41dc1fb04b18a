#pragma once

#include "app/cli/ExitCodes.hpp"
#include "core/training/LearningRateFinder.hpp"
#include "core/training/TrainingConfig.hpp"

#include <string>

namespace inception::cli {

struct TrainOptions {
    std::string data;
    std::string model = "seed";
    std::string recipe; // its settings and structure, under the options given
    std::string runsFolder = "runs";
    std::string name;
    std::string resume;
    bool notebookLayout = false;
    TrainingConfig config;
    bool epochsGiven = false;
    // Data-parallel: also on automatically when WORLD_SIZE > 1 (torchrun's variables).
    bool distributed = false;
    int distributedTimeout = 300; // seconds a rank waits for the others
    bool checkReplicas = false;
};

struct LrFindOptions {
    TrainOptions train; // data, model, recipe and the step's settings
    LearningRateSweep sweep;
    std::string csv;
    bool json = false;
};

struct EvalOptions {
    std::string checkpoint;
    std::string stateDict; // instead of a checkpoint: PyTorch weights of `model`
    std::string model = "seed";
    std::string data;
    std::int64_t limitTest = 0;
    int threads = 0;
    std::string tta; // none or flip; empty: what the checkpoint's run used
    bool json = false;
    bool notebookLayout = false;
};

struct ExportOptions {
    std::string checkpoint;
    std::string format;
    std::string out;
};

struct ImportOptions {
    std::string stateDict;
    std::string model = "seed";
    std::string out;  // a checkpoint file
    std::string data; // or: evaluate on this data into a new run
    std::string runsFolder = "runs";
    std::string name;
    int threads = 0;
};

int runTrain(const TrainOptions& options);
int runLrFind(const LrFindOptions& options);
int runExport(const ExportOptions& options);
int runImport(const ImportOptions& options);
int runEval(const EvalOptions& options);
int runSummary(const std::string& model, bool json);
int runDataInfo(const std::string& data, bool json);
struct BenchOptions {
    std::string data;
    std::string model = "seed";
    int batches = 10;
    int batchSize = 256;
    int threads = 0;
    std::string precision = "float32";
    bool distributed = false;
    int distributedTimeout = 300;
    bool augment = false;
    bool profile = false;
    bool json = false;
};
int runBench(const BenchOptions& options);

} // namespace inception::cli
