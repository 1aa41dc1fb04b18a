#include "core/runs/RunRecorder.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/base/Timestamp.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunSummary.hpp"
#include "core/training/EventJson.hpp"

#include <torch/version.h>

#include <filesystem>

namespace inception {

namespace fs = std::filesystem;
using nlohmann::json;

RunRecorder::RunRecorder(std::string folder)
    : folder_(std::move(folder)), log_([this](const std::string& line) {
          logFile_ << line << '\n';
          logFile_.flush();
      }),
      written_(folder_) {
    const fs::path root(folder_);
    fs::create_directories(root / runfiles::kCheckpoints);
    fs::create_directories(root / runfiles::kPredictions);
    const fs::path existing = root / runfiles::kRunJson;
    if (fs::exists(existing)) {
        std::ifstream in(existing);
        info_ = json::parse(in, nullptr, /*allow_exceptions=*/false);
        if (info_.is_discarded())
            throw InputError(existing.string(), "damaged: cannot resume into this run");
    }
    metrics_.open(root / runfiles::kMetrics, std::ios::app);
    logFile_.open(root / runfiles::kLog, std::ios::app);
    if (!metrics_ || !logFile_)
        throw InputError(folder_, "cannot write the run's files");
}

std::string RunRecorder::checkpointFolder() const {
    return (fs::path(folder_) / runfiles::kCheckpoints).string();
}

void RunRecorder::writeRunJson() {
    writeFileAtomically((fs::path(folder_) / runfiles::kRunJson).string(), info_.dump(2) + "\n");
}

void RunRecorder::writeSummary() {
    written_.poll();
    writeRunSummary(folder_, summarize(written_.record()));
}

void RunRecorder::appendMetric(const std::string& line) {
    metrics_ << line << '\n';
    metrics_.flush();
    if (!metrics_)
        throw InputError((fs::path(folder_) / runfiles::kMetrics).string(), "cannot be written");
}

void RunRecorder::runStarted(const RunDescription& run) {
    const bool resumed = info_.is_object() && info_.contains("started");
    if (!resumed) {
        info_ = json::object();
        info_["name"] = fs::path(folder_).filename().string();
        info_["started"] = utcTimestamp();
    }
    info_["format"] = "inception-workbench-run";
    info_["version"] = 1;
    addRunSetup(info_, run);
    info_["threads"] = run.threads;
    info_["device"] = run.device;
    info_["cpu"] = run.cpu;
    cpu_ = run.cpu;
    target_ = run.config.targetAccuracy;
    if (target_ <= 0.0)
        info_.erase("time_to_target");
    else if (!info_.contains("time_to_target") ||
             info_["time_to_target"].value("target", 0.0) != target_)
        info_["time_to_target"] = {{"target", target_}, {"reached", false}};
    info_["batches_per_epoch"] = run.batchesPerEpoch;
    // The batch every step averages over and its rate, whatever the number of processes.
    info_["effective_batch_size"] = run.config.batchSize;
    info_["effective_learning_rate"] = run.config.learningRate;
    if (run.worldSize > 1)
        info_["distributed"] = {
            {"world_size", run.worldSize},
            {"backend", run.backend},
            {"per_rank_batch_size", shardOf(run.config.batchSize, 0, run.worldSize).size()},
            {"threads_per_rank", run.threads},
            {"check_replicas", run.checkReplicas}};
    else
        info_.erase("distributed");
    info_["versions"] = {{"inception_workbench", INCEPTION_VERSION}, {"libtorch", TORCH_VERSION}};
    info_["status"] = toString(RunStatus::Running);
    info_.erase("finished");
    info_.erase("message");
    writeRunJson();
    if (resumed)
        appendMetric(json{{"type", "resume"},
                          {"epoch", run.startEpoch},
                          {"batch", run.startBatch},
                          {"time", utcTimestamp()}}
                         .dump());
    writeSummary();
    log_.runStarted(run);
}

void RunRecorder::batchFinished(const BatchProgress& batch) {
    appendMetric(toJsonValue(batch).dump());
    log_.batchFinished(batch);
}

void RunRecorder::epochFinished(const EpochSummary& epoch,
                                const std::vector<SamplePrediction>& predictions) {
    writePredictions(runPredictions(folder_, epoch.epoch), predictions, epoch.confusion.classes());
    appendMetric(toJsonValue(epoch).dump());
    if (target_ > 0.0 && epoch.testAccuracy >= target_ &&
        !info_["time_to_target"].value("reached", false)) {
        info_["time_to_target"] = {{"target", target_},
                                   {"reached", true},
                                   {"epoch", epoch.epoch},
                                   {"seconds", epoch.elapsedSeconds},
                                   {"cpu", cpu_}};
        writeRunJson();
    }
    writeSummary();
    log_.epochFinished(epoch, predictions);
}

void RunRecorder::runEnded(const RunOutcome& outcome) {
    info_["status"] = toString(outcome.status);
    info_["finished"] = utcTimestamp();
    info_["epochs_completed"] = outcome.epochsCompleted;
    if (!outcome.message.empty())
        info_["message"] = outcome.message;
    writeRunJson();
    writeSummary();
    log_.runEnded(outcome);
}

} // namespace inception
