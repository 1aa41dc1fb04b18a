#include "app/cli/CliCommands.hpp"

#include "app/cli/ConsoleReport.hpp"
#include "app/cli/InterruptGuard.hpp"
#include "core/base/AtomicFile.hpp"
#include "core/base/CpuFeatures.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TextFormat.hpp"
#include "core/data/Dataset.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/evaluation/Evaluator.hpp"
#include "core/interop/ModelExport.hpp"
#include "core/interop/StateDict.hpp"
#include "core/session/TrainingSession.hpp"
#include "core/session/WeightsImport.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/Recipe.hpp"
#include "core/training/Trainer.hpp"
#include "core/training/TrainingLog.hpp"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace inception::cli {

namespace {

void printLine(const std::string& line) {
    std::cout << line << std::endl;
}

} // namespace

// The group this process trains in, when the environment (or --distributed) says it is one
// rank of several; `threads` then defaults to this machine's share of the cores.
std::shared_ptr<Communicator> joinGroup(bool distributed, int timeoutSeconds, int& threads) {
    auto settings = distributedSettingsFromEnvironment();
    if (!settings) {
        if (distributed && processEnvironment("WORLD_SIZE").value_or("").empty())
            throw InputError("--distributed",
                             "WORLD_SIZE is not set: start the ranks with torchrun or "
                             "scripts/launch-local N (docs/distributed.md)");
        return nullptr;
    }
    settings->timeout = std::chrono::seconds(timeoutSeconds);
    if (threads == 0)
        threads = defaultThreadsPerRank(*settings);
    return Communicator::connect(*settings);
}

int runTrain(const TrainOptions& o) {
    SessionRequest request;
    request.dataSpec = o.data;
    request.runsFolder = o.runsFolder;
    request.name = o.name;
    request.config = o.config;
    request.communicator = joinGroup(o.distributed, o.distributedTimeout, request.config.threads);
    request.checkReplicas = o.checkReplicas;
    const bool leader = !request.communicator || request.communicator->settings().isLeader();
    request.resumeCheckpoint = o.resume;
    if (o.resume.empty()) {
        request.spec = loadModelSpec(o.model);
        if (!o.recipe.empty())
            request.spec = withStructure(request.spec, recipeNamed(o.recipe, "--recipe").structure);
        request.fitSpecToData = preset(o.model).has_value();
    } else if (o.epochsGiven)
        request.resumeEpochs = o.config.epochs;
    TrainingSession session(request);
    // The other ranks keep quiet but for their errors: rank 0 speaks for the run.
    TrainingLog console(printLine);
    if (leader) {
        session.addObserver(&console);
        std::cout << notesText(session.dataNotes());
        printLine("Run folder: " + session.folder());
    }

    TrainingControl control;
    RunOutcome outcome;
    {
        InterruptGuard guard(control);
        outcome = session.run(control);
    }
    switch (outcome.status) {
    case RunStatus::Finished:
        if (o.notebookLayout && !session.trainer().history().empty())
            printLine("Confusion matrix, " +
                      formatConfusionMatrix(session.trainer().history().back().confusion,
                                            session.classNames(), true));
        return exitCodeOf(outcome);
    case RunStatus::Stopped:
        if (leader)
            std::cerr << "interrupted: checkpoint saved to " << outcome.checkpoint
                      << "; continue with --resume " << outcome.checkpoint << '\n';
        return exitCodeOf(outcome);
    case RunStatus::Failed:
    case RunStatus::Running:
    case RunStatus::Pruned: // only an experiment marks a run pruned, after it ended
        break;
    }
    std::cerr << "error: " << outcome.message << '\n';
    return exitCodeOf(outcome);
}

int runEval(const EvalOptions& o) {
    TrainingConfig threads;
    threads.threads = o.threads;
    torch::set_num_threads(effectiveThreads(threads));
    GoogLeNet model{nullptr};
    TestTimeAugmentation tta = TestTimeAugmentation::None;
    if (o.stateDict.empty()) {
        CheckpointReader reader(o.checkpoint);
        model = reader.model();
        tta = reader.meta().config.tta;
    } else {
        model = GoogLeNet(loadModelSpec(o.model));
        loadStateDict(model, readStateDict(o.stateDict), o.stateDict);
    }
    const Dataset data = loadDataset(o.data, inputShapeOf(model->spec()));
    requireModelFitsData(model->spec(), data);
    if (!o.tta.empty())
        tta = parseTestTimeAugmentation(o.tta, "--tta");
    const EvaluationResult result = evaluate(model, data.test.first(o.limitTest), data.classes(),
                                             torch::kCPU, kEvaluationBatch, false, tta);
    if (o.json)
        std::cout << evaluationJson(result, data.classNames).dump(2) << '\n';
    else
        std::cout << evaluationText(result, data.classNames, o.notebookLayout);
    return kExitOk;
}

int runExport(const ExportOptions& o) {
    const auto format = parseExportFormat(o.format);
    if (!format)
        throw InputError("--format", "'" + o.format + "' is not one of pytorch, onnx, libtorch");
    const ExportResult result = exportCheckpoint(o.checkpoint, *format, o.out);
    printLine("Exported " + describe(*format) + " to " + result.file);
    printLine("Sidecar: " + result.sidecar);
    return kExitOk;
}

int runImport(const ImportOptions& o) {
    if (o.out.empty() == o.data.empty())
        throw InputError("import", "give either --out CKPT (a checkpoint) or --data SPEC (a run "
                                   "evaluated on that data)");
    WeightsImportRequest request;
    request.stateDict = o.stateDict;
    request.spec = loadModelSpec(o.model);
    request.config.threads = o.threads;
    if (!o.out.empty()) {
        importWeightsAsCheckpoint(request, o.out);
        printLine("Checkpoint: " + o.out);
        return kExitOk;
    }
    const ImportedRun run = importWeightsAsRun(request, o.data, o.runsFolder, o.name);
    printLine("Run folder: " + run.folder);
    printLine("Checkpoint: " + run.checkpoint);
    std::ostringstream accuracy;
    accuracy << "Test accuracy: " << std::fixed << std::setprecision(2) << 100.0 * run.testAccuracy
             << '%';
    printLine(accuracy.str());
    return kExitOk;
}

int runLrFind(const LrFindOptions& o) {
    ModelSpec spec = loadModelSpec(o.train.model);
    if (!o.train.recipe.empty())
        spec = withStructure(spec, recipeNamed(o.train.recipe, "--recipe").structure);
    if (!o.json)
        printLine(formatText("Sweeping the learning rate from %g to %g over %d batches of %d",
                             o.sweep.minRate, o.sweep.maxRate, o.sweep.steps,
                             o.train.config.batchSize));
    const LearningRateCurve curve = findLearningRate(spec, o.train.config, o.train.data,
                                                     preset(o.train.model).has_value(), o.sweep);
    if (!o.csv.empty())
        writeFileAtomically(o.csv, learningRateCsv(curve));
    if (o.json)
        std::cout << learningRateJson(curve).dump(2) << '\n';
    else
        std::cout << learningRateText(curve);
    return kExitOk;
}

int runSummary(const std::string& model, bool json) {
    const ModelSpec spec = loadModelSpec(model);
    const ModelAnalysis analysis = analyze(spec);
    if (json)
        std::cout << summaryJson(spec, analysis).dump(2) << '\n';
    else
        std::cout << summaryTable(spec, analysis);
    return kExitOk;
}

int runDataInfo(const std::string& data, bool json) {
    const DatasetSummary d = loadDatasetSummary(data, {}, 0);
    if (json)
        std::cout << datasetJson(d).dump(2) << '\n';
    else
        std::cout << datasetText(d);
    return kExitOk;
}

int runBench(const BenchOptions& o) {
    BenchmarkOptions options;
    if (!o.data.empty())
        options.dataSpec = o.data;
    options.spec = loadModelSpec(o.model);
    options.batches = o.batches;
    options.batchSize = o.batchSize;
    options.threads = o.threads;
    options.precision =
        choosePrecision(parsePrecision(o.precision, "--precision"), thisCpu(), "cpu").precision;
    options.augment = o.augment;
    options.profile = o.profile;
    if (const auto group = joinGroup(o.distributed, o.distributedTimeout, options.threads)) {
        const DistributedBenchmarkResult result = runDistributedBenchmark(options, *group);
        if (!group->settings().isLeader())
            return kExitOk;
        if (o.json)
            std::cout << distributedBenchmarkJson(result).dump(2) << '\n';
        else
            std::cout << distributedBenchmarkText(result);
        return kExitOk;
    }
    const BenchmarkResult result = runBenchmark(options);
    if (o.json)
        std::cout << benchmarkJson(result).dump(2) << '\n';
    else
        std::cout << benchmarkText(result);
    return kExitOk;
}

} // namespace inception::cli
