#include "core/runs/RunDirectory.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/runs/RunSummary.hpp"
#include "core/training/EventJson.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace inception {

namespace fs = std::filesystem;
using nlohmann::json;

std::string runfiles::predictionsFile(int epoch) {
    char name[32];
    std::snprintf(name, sizeof name, "epoch-%03d.bin", epoch);
    return std::string(kPredictions) + "/" + name;
}

std::string createRunDirectory(const std::string& root, const std::string& name) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    std::string safe;
    for (char c : name)
        safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
    const fs::path base =
        fs::path(root) / (std::string(stamp) + "-" + (safe.empty() ? "run" : safe));
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec)
        throw InputError(root, "cannot create the runs folder: " + ec.message());
    fs::path folder = base;
    for (int i = 2; !fs::create_directory(folder, ec); ++i) {
        if (ec)
            throw InputError(folder.string(), "cannot be created: " + ec.message());
        folder = base.string() + "-" + std::to_string(i);
    }
    fs::create_directories(folder / runfiles::kCheckpoints);
    fs::create_directories(folder / runfiles::kPredictions);
    return folder.string();
}

std::string createRunDirectoryAt(const std::string& folder) {
    std::error_code ec;
    const fs::path path(folder);
    if (path.has_parent_path())
        fs::create_directories(path.parent_path(), ec);
    if (ec || !fs::create_directory(path, ec))
        throw InputError(folder, ec ? "cannot be created: " + ec.message()
                                    : std::string("exists already: not a new run directory"));
    fs::create_directories(path / runfiles::kCheckpoints);
    fs::create_directories(path / runfiles::kPredictions);
    return folder;
}

std::string runPredictions(const std::string& runFolder, int epoch) {
    return (fs::path(runFolder) / runfiles::predictionsFile(epoch)).string();
}

std::string runCheckpoint(const std::string& runFolder, RunCheckpoint which) {
    return (fs::path(runFolder) / runfiles::kCheckpoints / checkpointFileName(which)).string();
}

std::string runDirectoryOfCheckpoint(const std::string& checkpoint) {
    const fs::path folder = fs::absolute(checkpoint).parent_path();
    if (folder.filename() == runfiles::kCheckpoints &&
        fs::exists(folder.parent_path() / runfiles::kRunJson))
        return folder.parent_path().string();
    return {};
}

int RunRecord::trainedEpochs() const {
    return static_cast<int>(std::count_if(epochs.begin(), epochs.end(),
                                          [](const EpochSummary& e) { return e.epoch > 0; }));
}

double RunRecord::bestTestAccuracy() const {
    double best = 0.0;
    for (const auto& e : epochs)
        best = std::max(best, e.testAccuracy);
    return best;
}

RunRecord readRun(const std::string& folder) {
    RunFollower follower(folder);
    follower.poll();
    // A last line without its newline was cut short by a kill; read what is there.
    if (!follower.partialLine_.empty())
        follower.applyMetricLine(follower.partialLine_);
    return follower.record_;
}

namespace {
// Replaces run.json with `edit` applied to it.
template <typename Edit> void editRunJson(const std::string& folder, Edit&& edit) {
    const fs::path runJson = fs::path(folder) / runfiles::kRunJson;
    std::ifstream in(runJson);
    if (!in)
        throw InputError(runJson.string(), "missing: not a run directory");
    json info;
    try {
        info = json::parse(in);
    } catch (const json::exception& e) {
        throw InputError(runJson.string(), std::string("damaged: ") + e.what());
    }
    edit(info);
    writeFileAtomically(runJson.string(), info.dump(2) + "\n");
    if (fs::exists(fs::path(folder) / kRunSummaryFile)) // keep the catalogue's reading quick
        writeRunSummary(folder, summarize(readRun(folder)));
}
} // namespace

void renameRun(const std::string& folder, const std::string& name) {
    if (name.empty())
        throw InputError("name", "must not be empty");
    editRunJson(folder, [&](json& info) { info["name"] = name; });
}

void markRunPruned(const std::string& folder, const std::string& message) {
    editRunJson(folder, [&](json& info) {
        info["status"] = toString(RunStatus::Pruned);
        info["message"] = message;
    });
}

RunFollower::RunFollower(std::string folder) {
    record_.path = std::move(folder);
}

bool RunFollower::poll() {
    const bool infoChanged = readRunJson();
    return readMetrics() || infoChanged;
}

bool RunFollower::readRunJson() {
    const fs::path runJson = fs::path(record_.path) / runfiles::kRunJson;
    std::error_code ec;
    const auto time = fs::last_write_time(runJson, ec);
    if (ec)
        throw InputError(runJson.string(), "missing: not a run directory");
    // run.json is replaced by a rename, so its time and size change together with it.
    const std::int64_t stamp =
        time.time_since_epoch().count() ^ static_cast<std::int64_t>(fs::file_size(runJson, ec));
    if (stamp == runJsonStamp_)
        return false;
    std::ifstream in(runJson);
    if (!in)
        throw InputError(runJson.string(), "cannot be read");
    try {
        const json info = json::parse(in);
        RunRecord& run = record_;
        run.name = info.value("name", fs::path(record_.path).filename().string());
        run.status = parseRunStatus(info.at("status").get<std::string>(), runJson.string());
        run.message = info.value("message", "");
        run.started = info.value("started", "");
        run.finished = info.value("finished", "");
        static_cast<RunSetup&>(run) = runSetupFromJson(info, runJson.string());
        const json group = info.value("distributed", json::object());
        run.worldSize = group.value("world_size", 1);
        run.backend = group.value("backend", "");
        run.cpu = info.value("cpu", "");
    } catch (const json::exception& e) {
        throw InputError(runJson.string(), std::string("damaged: ") + e.what());
    }
    runJsonStamp_ = stamp;
    return true;
}

bool RunFollower::readMetrics() {
    std::ifstream metrics(fs::path(record_.path) / runfiles::kMetrics, std::ios::binary);
    if (!metrics)
        return false;
    metrics.seekg(0, std::ios::end);
    const std::int64_t size = metrics.tellg();
    if (size < metricsOffset_) { // replaced by a shorter file: read it again from the start
        record_.epochs.clear();
        record_.batches.clear();
        record_.skippedLines = 0;
        metricsOffset_ = 0;
        partialLine_.clear();
    }
    if (size == metricsOffset_)
        return false;
    std::string appended(static_cast<std::size_t>(size - metricsOffset_), '\0');
    metrics.seekg(metricsOffset_);
    metrics.read(appended.data(), static_cast<std::streamsize>(appended.size()));
    metricsOffset_ = size;
    record_.metricsBytes = size;

    std::string text = std::move(partialLine_) + appended;
    std::size_t begin = 0;
    for (std::size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1)
        applyMetricLine(text.substr(begin, end - begin));
    partialLine_ = text.substr(begin);
    return true;
}

void RunFollower::applyMetricLine(const std::string& line) {
    RunRecord& run = record_;
    try {
        const json record = json::parse(line);
        const std::string type = record.at("type").get<std::string>();
        if (type == "batch") {
            run.batches.push_back(batchProgressFromJson(record));
        } else if (type == "epoch") {
            run.epochs.push_back(epochSummaryFromJson(record));
        } else if (type == "resume") {
            // Drop what the resumed run is about to do again.
            const int epoch = record.at("epoch").get<int>();
            const int batch = record.at("batch").get<int>();
            std::erase_if(run.epochs, [&](const EpochSummary& e) { return e.epoch >= epoch; });
            std::erase_if(run.batches, [&](const BatchProgress& b) {
                return b.epoch > epoch || (b.epoch == epoch && b.batch > batch);
            });
        }
    } catch (const std::exception&) {
        ++run.skippedLines; // a line cut short by a kill, or damaged
    }
}

} // namespace inception
