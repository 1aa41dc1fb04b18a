#include "core/runs/RunSummary.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/spec/ModelAnalysis.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace inception {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "inception-workbench-run-summary";
constexpr int kVersion = 1;

template <typename Value> std::optional<MetricSpan> spanOf(const RunRecord& run, Value value) {
    if (run.epochs.empty())
        return std::nullopt;
    MetricSpan span{value(run.epochs.front()), value(run.epochs.front()), value(run.epochs.back())};
    for (const EpochSummary& epoch : run.epochs) {
        span.min = std::min(span.min, value(epoch));
        span.max = std::max(span.max, value(epoch));
    }
    return span;
}

json spanJson(const std::optional<MetricSpan>& span) {
    if (!span)
        return nullptr;
    return {{"min", span->min}, {"max", span->max}, {"last", span->last}};
}

std::optional<MetricSpan> spanFromJson(const json& value) {
    if (value.is_null())
        return std::nullopt;
    return MetricSpan{value.at("min").get<double>(), value.at("max").get<double>(),
                      value.at("last").get<double>()};
}

} // namespace

json toJsonValue(const RunSummary& s) {
    json out{{"format", kFormat},
             {"version", kVersion},
             {"name", s.name},
             {"status", toString(s.status)},
             {"message", s.message},
             {"started", s.started},
             {"finished", s.finished},
             {"model", s.model},
             {"parameters", s.parameters},
             {"macs", s.macs},
             {"data_kind", s.dataKind},
             {"train_count", s.trainCount},
             {"test_count", s.testCount},
             {"recipe", s.recipe},
             {"precision", s.precision},
             {"cpu", s.cpu},
             {"world_size", s.worldSize},
             {"backend", s.backend},
             {"trained_epochs", s.trainedEpochs},
             {"planned_epochs", s.plannedEpochs},
             {"imported", s.imported},
             {"test_acc", spanJson(s.testAccuracy)},
             {"test_loss", spanJson(s.testLoss)},
             {"best_epoch", s.bestEpoch},
             {"target_accuracy", s.targetAccuracy},
             {"elapsed_seconds", s.elapsedSeconds},
             {"images_per_second", s.imagesPerSecond},
             {"metrics_bytes", s.metricsBytes}};
    if (s.reached)
        out["reached"] = {{"epoch", s.reached->epoch}, {"seconds", s.reached->seconds}};
    return out;
}

namespace {

RunSummary fromJson(const json& in, const std::string& where) {
    if (in.value("format", "") != kFormat || in.value("version", 0) != kVersion)
        throw std::runtime_error("not a run summary of version 1");
    RunSummary s;
    s.name = in.at("name").get<std::string>();
    s.status = parseRunStatus(in.at("status").get<std::string>(), where);
    s.message = in.at("message").get<std::string>();
    s.started = in.at("started").get<std::string>();
    s.finished = in.at("finished").get<std::string>();
    s.model = in.at("model").get<std::string>();
    s.parameters = in.at("parameters").get<std::int64_t>();
    s.macs = in.at("macs").get<std::int64_t>();
    s.dataKind = in.at("data_kind").get<std::string>();
    s.trainCount = in.at("train_count").get<std::int64_t>();
    s.testCount = in.at("test_count").get<std::int64_t>();
    s.recipe = in.at("recipe").get<std::string>();
    s.precision = in.at("precision").get<std::string>();
    s.cpu = in.at("cpu").get<std::string>();
    s.worldSize = in.at("world_size").get<int>();
    s.backend = in.at("backend").get<std::string>();
    s.trainedEpochs = in.at("trained_epochs").get<int>();
    s.plannedEpochs = in.at("planned_epochs").get<int>();
    s.imported = in.at("imported").get<bool>();
    s.testAccuracy = spanFromJson(in.at("test_acc"));
    s.testLoss = spanFromJson(in.at("test_loss"));
    s.bestEpoch = in.at("best_epoch").get<int>();
    s.targetAccuracy = in.at("target_accuracy").get<double>();
    if (in.contains("reached"))
        s.reached = TargetReached{in["reached"].at("epoch").get<int>(),
                                  in["reached"].at("seconds").get<double>()};
    s.elapsedSeconds = in.at("elapsed_seconds").get<double>();
    s.imagesPerSecond = in.at("images_per_second").get<double>();
    s.metricsBytes = in.at("metrics_bytes").get<std::int64_t>();
    return s;
}

} // namespace

RunSummary summarize(const RunRecord& run) {
    RunSummary s;
    s.name = run.name;
    s.status = run.status;
    s.message = run.message;
    s.started = run.started;
    s.finished = run.finished;
    s.model = run.spec.name;
    if (validate(run.spec).empty()) {
        const ModelAnalysis analysis = analyze(run.spec);
        s.parameters = analysis.parameters;
        s.macs = analysis.macs;
    }
    s.dataKind = run.dataset.kind;
    s.trainCount = run.dataset.trainCount;
    s.testCount = run.dataset.testCount;
    s.recipe = run.config.recipe;
    s.precision = toString(run.precision.precision);
    s.cpu = run.cpu;
    s.worldSize = run.worldSize;
    s.backend = run.backend;
    s.trainedEpochs = run.trainedEpochs();
    s.plannedEpochs = run.config.epochs;
    s.imported = run.startsFromImportedWeights();
    s.testAccuracy = spanOf(run, [](const EpochSummary& e) { return e.testAccuracy; });
    s.testLoss = spanOf(run, [](const EpochSummary& e) { return e.testLoss; });
    double best = -1.0;
    double images = 0.0;
    int trained = 0;
    for (const EpochSummary& epoch : run.epochs) {
        if (epoch.testAccuracy > best) {
            best = epoch.testAccuracy;
            s.bestEpoch = epoch.epoch;
        }
        if (epoch.imagesPerSecond > 0.0) {
            images += epoch.imagesPerSecond;
            ++trained;
        }
    }
    s.imagesPerSecond = trained > 0 ? images / trained : 0.0;
    s.targetAccuracy = run.config.targetAccuracy;
    s.reached = firstReached(run.epochs, run.config.targetAccuracy);
    s.elapsedSeconds = run.epochs.empty() ? 0.0 : run.epochs.back().elapsedSeconds;
    s.metricsBytes = run.metricsBytes;
    return s;
}

void writeRunSummary(const std::string& folder, const RunSummary& summary) {
    writeFileAtomically((fs::path(folder) / kRunSummaryFile).string(),
                        toJsonValue(summary).dump(1) + "\n");
}

std::optional<RunSummary> readCurrentRunSummary(const std::string& folder) {
    const fs::path file = fs::path(folder) / kRunSummaryFile;
    std::error_code error;
    const auto summaryTime = fs::last_write_time(file, error);
    if (error)
        return std::nullopt;
    const auto runJsonTime = fs::last_write_time(fs::path(folder) / runfiles::kRunJson, error);
    if (error || runJsonTime > summaryTime)
        return std::nullopt;
    std::int64_t metricsBytes =
        static_cast<std::int64_t>(fs::file_size(fs::path(folder) / runfiles::kMetrics, error));
    if (error)
        metricsBytes = 0;
    std::ifstream in(file, std::ios::binary);
    const json parsed = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded())
        return std::nullopt;
    try {
        RunSummary summary = fromJson(parsed, file.string());
        if (summary.metricsBytes != metricsBytes)
            return std::nullopt;
        return summary;
    } catch (const std::exception&) {
        return std::nullopt; // damaged or of another version: made again from the run
    }
}

RunSummary loadRunSummary(const std::string& folder) {
    if (auto current = readCurrentRunSummary(folder))
        return *current;
    RunSummary summary = summarize(readRun(folder));
    if (summary.status != RunStatus::Running) {
        try { // runs from before summaries, or synced without them, are quick from now on
            writeRunSummary(folder, summary);
        } catch (const std::exception&) { // a read-only folder is listed all the same
        }
    }
    return summary;
}

} // namespace inception
