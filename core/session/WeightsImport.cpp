#include "core/session/WeightsImport.hpp"

#include "core/base/Timestamp.hpp"
#include "core/data/Dataset.hpp"
#include "core/data/readers/Cifar10Reader.hpp"
#include "core/evaluation/Evaluator.hpp"
#include "core/interop/StateDict.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunRecorder.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/EventJson.hpp"

#include <chrono>
#include <filesystem>
#include <limits>

namespace inception {

namespace {

GoogLeNet importedModel(const WeightsImportRequest& request) {
    requireValid(request.spec, "--model");
    GoogLeNet model(request.spec);
    loadStateDict(model, readStateDict(request.stateDict), request.stateDict);
    model->eval();
    return model;
}

std::vector<std::string> defaultClassNames(int classes) {
    if (classes == 10)
        return cifar10ClassNames();
    std::vector<std::string> names;
    for (int c = 0; c < classes; ++c)
        names.push_back("class " + std::to_string(c));
    return names;
}

CheckpointMeta importedMeta(const WeightsImportRequest& request) {
    CheckpointMeta meta;
    meta.spec = request.spec;
    meta.config = request.config;
    meta.created = utcTimestamp();
    return meta;
}

} // namespace

void importWeightsAsCheckpoint(const WeightsImportRequest& request, const std::string& out) {
    GoogLeNet model = importedModel(request);
    CheckpointMeta meta = importedMeta(request);
    meta.classNames = defaultClassNames(request.spec.head.classes);
    saveCheckpoint(out, meta, model, nullptr, {});
}

ImportedRun importWeightsAsRun(const WeightsImportRequest& request, const std::string& dataSpec,
                               const std::string& runsFolder, const std::string& name) {
    requireValid(request.config);
    GoogLeNet model = importedModel(request);
    const Dataset data = loadDataset(dataSpec, inputShapeOf(request.spec));
    requireModelFitsData(request.spec, data);
    torch::set_num_threads(effectiveThreads(request.config));

    ImportedRun imported;
    imported.folder =
        createRunDirectory(runsFolder, name.empty() ? request.spec.name + "-imported" : name);
    RunRecorder recorder(imported.folder);
    RunDescription description;
    description.spec = request.spec;
    description.config = request.config;
    description.dataset = data.identity;
    description.classNames = data.classNames;
    description.threads = torch::get_num_threads();
    recorder.runStarted(description);

    const auto start = std::chrono::steady_clock::now();
    const EvaluationResult eval = evaluate(model, data.test.first(request.config.limitTest),
                                           data.classes(), torch::kCPU, kEvaluationBatch, true);
    EpochSummary summary;
    summary.epoch = 0;
    summary.epochs = request.config.epochs;
    summary.trainLoss = summary.trainAccuracy = std::numeric_limits<double>::quiet_NaN();
    summary.testLoss = eval.loss;
    summary.testAccuracy = eval.accuracy();
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    summary.confusion = eval.confusion;
    recorder.epochFinished(summary, eval.predictions);

    CheckpointMeta meta = importedMeta(request);
    meta.dataset = data.identity;
    meta.classNames = data.classNames;
    meta.bestTestAccuracy = summary.testAccuracy;
    meta.history.push_back(summary);
    imported.checkpoint = runCheckpoint(recorder.folder(), RunCheckpoint::Last);
    saveCheckpoint(imported.checkpoint, meta, model, nullptr, {});
    saveCheckpoint(runCheckpoint(recorder.folder(), RunCheckpoint::Best), meta, model, nullptr, {});
    imported.testAccuracy = summary.testAccuracy;

    RunOutcome outcome;
    outcome.status = RunStatus::Finished;
    outcome.message = "imported from " + request.stateDict + "; evaluated, not trained here";
    outcome.checkpoint = imported.checkpoint;
    recorder.runEnded(outcome);
    return imported;
}

} // namespace inception
