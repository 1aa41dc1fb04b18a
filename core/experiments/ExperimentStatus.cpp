#include "core/experiments/ExperimentStatus.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/EnumNames.hpp"
#include "core/base/FileLock.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TextFormat.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/spec/ModelAnalysis.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

namespace inception {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

constexpr EnumNames<TrialState, 7> kTrialStateNames{"state",
                                                    {{{TrialState::Pending, "pending"},
                                                      {TrialState::Running, "running"},
                                                      {TrialState::Waiting, "waiting"},
                                                      {TrialState::Stopped, "stopped"},
                                                      {TrialState::Finished, "finished"},
                                                      {TrialState::Pruned, "pruned"},
                                                      {TrialState::Failed, "failed"}}}};

constexpr EnumNames<CostMeasure, 3> kCostNames{"cost",
                                               {{{CostMeasure::Macs, "macs"},
                                                 {CostMeasure::Parameters, "params"},
                                                 {CostMeasure::EvalSpeed, "speed"}}}};

double median(std::vector<double> values) {
    std::erase_if(values, [](double v) { return !(v > 0); });
    if (values.empty())
        return 0.0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// The trial as its run directory tells, before halving is weighed.
void readTrialRun(TrialStatus& t, bool locked) {
    const bool hasRun = fs::exists(fs::path(t.folder) / runfiles::kRunJson);
    if (!hasRun) {
        t.state = locked ? TrialState::Running : TrialState::Pending;
        return;
    }
    RunRecord run;
    try {
        run = readRun(t.folder);
    } catch (const InputError& e) {
        t.state = TrialState::Failed;
        t.message = e.oneLine();
        return;
    }
    std::vector<double> speeds;
    for (const EpochSummary& e : run.epochs) {
        if (e.epoch <= 0)
            continue;
        t.testAccuracy.push_back(e.testAccuracy);
        speeds.push_back(e.evalImagesPerSecond);
    }
    t.epochsDone = static_cast<int>(t.testAccuracy.size());
    t.bestTestAccuracy = run.bestTestAccuracy();
    t.evalImagesPerSecond = median(speeds);
    t.cpu = run.cpu;
    t.message = run.message;
    switch (run.status) {
    case RunStatus::Running:
        t.state = locked ? TrialState::Running : TrialState::Stopped;
        if (!locked)
            t.message = "cut short: continues from its last checkpoint";
        break;
    case RunStatus::Stopped:
        t.state = TrialState::Stopped;
        break;
    case RunStatus::Finished:
        t.state = TrialState::Finished;
        break;
    case RunStatus::Failed:
        t.state = TrialState::Failed;
        break;
    case RunStatus::Pruned:
        t.state = TrialState::Pruned;
        break;
    }
}

// The trial's best test accuracy up to `epoch`; none while it may still get there.
std::optional<double> resultAt(const TrialStatus& t, int epoch) {
    if (t.epochsDone >= epoch)
        return *std::max_element(t.testAccuracy.begin(), t.testAccuracy.begin() + epoch);
    if (t.done())
        return t.testAccuracy.empty() ? 0.0 : t.bestTestAccuracy;
    return std::nullopt;
}

// Halving's verdicts, rung by rung, and each trial's next step.
void weighRungs(ExperimentStatus& status) {
    auto& trials = status.trials;
    if (trials.empty())
        return;
    const std::vector<int> rungs = decisionRungs(status.definition, trials.front().epochs);
    const int configurations = trials.back().plan.configuration + 1;
    std::vector<std::vector<Verdict>> verdicts;
    std::vector<bool> inRace(static_cast<std::size_t>(configurations), true);
    std::vector<int> racing(rungs.size(), 0);
    for (std::size_t k = 0; k < rungs.size(); ++k) {
        std::vector<std::optional<double>> scores(inRace.size());
        std::vector<std::vector<std::optional<double>>> results(inRace.size());
        for (const TrialStatus& t : trials)
            results[static_cast<std::size_t>(t.plan.configuration)].push_back(
                resultAt(t, rungs[k]));
        for (std::size_t c = 0; c < inRace.size(); ++c) {
            const auto& r = results[c];
            if (std::all_of(r.begin(), r.end(), [](const auto& v) { return v.has_value(); })) {
                double sum = 0;
                for (const auto& v : r)
                    sum += *v;
                scores[c] = sum / static_cast<double>(r.size());
            }
        }
        racing[k] = static_cast<int>(std::count(inRace.begin(), inRace.end(), true));
        verdicts.push_back(halvingVerdicts(scores, inRace, status.definition.halving.keep));
        for (std::size_t c = 0; c < inRace.size(); ++c)
            inRace[c] = verdicts.back()[c] == Verdict::Promoted;
    }
    for (TrialStatus& t : trials) {
        if (t.done() || t.state == TrialState::Running)
            continue;
        const auto c = static_cast<std::size_t>(t.plan.configuration);
        t.next = {TrialStep::Train, t.epochs, static_cast<int>(rungs.size()), {}};
        for (std::size_t k = 0; k < rungs.size(); ++k) {
            if (t.epochsDone < rungs[k]) {
                t.next = {TrialStep::Train, rungs[k], static_cast<int>(k), {}};
                break;
            }
            if (verdicts[k][c] == Verdict::Promoted)
                continue;
            const bool atRung = t.state == TrialState::Stopped && t.epochsDone == rungs[k];
            if (verdicts[k][c] == Verdict::Undecided) {
                t.next = {TrialStep::Wait, rungs[k], static_cast<int>(k), {}};
                if (atRung)
                    t.state = TrialState::Waiting;
                t.message =
                    "waits for the other configurations to reach epoch " + std::to_string(rungs[k]);
            } else {
                t.next = {TrialStep::Prune, rungs[k], static_cast<int>(k),
                          formatText("pruned at epoch %d: %.2f%% is not among the best %.0f%% "
                                     "of %d configurations",
                                     rungs[k], 100.0 * *resultAt(t, rungs[k]),
                                     100.0 * status.definition.halving.keep, racing[k])};
            }
            break;
        }
        if (t.state == TrialState::Stopped && t.next.kind == TrialStep::Train && t.epochsDone > 0 &&
            std::find(rungs.begin(), rungs.end(), t.epochsDone) != rungs.end())
            t.state = TrialState::Pending; // promoted at the rung it stopped at
    }
}

void summarizeConfigurations(ExperimentStatus& status) {
    for (const TrialStatus& t : status.trials) {
        if (status.configurations.empty() ||
            status.configurations.back().configuration != t.plan.configuration)
            status.configurations.push_back({t.plan.configuration, t.plan.label(false), 0, 0, 0});
        if (t.epochsDone == 0)
            continue;
        ConfigurationSummary& c = status.configurations.back();
        // Welford's running mean and sum of squares.
        ++c.trials;
        const double delta = t.bestTestAccuracy - c.meanAccuracy;
        c.meanAccuracy += delta / c.trials;
        c.sdAccuracy += delta * (t.bestTestAccuracy - c.meanAccuracy);
    }
    for (ConfigurationSummary& c : status.configurations)
        c.sdAccuracy = c.trials > 1 ? std::sqrt(c.sdAccuracy / (c.trials - 1)) : 0.0;
}

std::string originFile(const std::string& folder) {
    return (fs::path(folder) / "origin").string();
}

} // namespace

std::string toString(TrialState state) {
    return kTrialStateNames.nameOf(state);
}

std::string toString(CostMeasure measure) {
    return kCostNames.nameOf(measure);
}

CostMeasure parseCostMeasure(const std::string& text, const std::string& field) {
    return kCostNames.parse(text, field);
}

std::string trialFolder(const std::string& experimentFolder, const TrialPlan& trial) {
    return (fs::path(experimentFolder) / experimentfiles::kTrials / trial.folderName).string();
}

std::string trialLockFile(const std::string& experimentFolder, int trialId) {
    return (fs::path(experimentFolder) / experimentfiles::kLocks /
            (std::to_string(trialId) + ".lock"))
        .string();
}

bool ExperimentStatus::complete() const {
    return std::all_of(trials.begin(), trials.end(), [](const TrialStatus& t) { return t.done(); });
}

int ExperimentStatus::count(TrialState state) const {
    return static_cast<int>(std::count_if(trials.begin(), trials.end(),
                                          [&](const TrialStatus& t) { return t.state == state; }));
}

double trialCost(const TrialStatus& trial, CostMeasure measure) {
    switch (measure) {
    case CostMeasure::Macs:
        return static_cast<double>(trial.macs);
    case CostMeasure::Parameters:
        return static_cast<double>(trial.parameters);
    case CostMeasure::EvalSpeed:
        return trial.evalImagesPerSecond > 0 ? 1.0 / trial.evalImagesPerSecond : NAN;
    }
    return NAN;
}

ExperimentStatus readExperimentStatus(const std::string& folder, CostMeasure cost,
                                      int claimedTrial) {
    ExperimentStatus status;
    status.folder = folder;
    status.cost = cost;
    status.definition = loadExperimentFolder(folder);
    for (TrialPlan& plan : planTrials(status.definition)) {
        TrialStatus t;
        t.folder = trialFolder(folder, plan);
        t.epochs = plan.config.epochs;
        const ModelAnalysis analysis = analyze(plan.spec);
        t.parameters = analysis.parameters;
        t.macs = analysis.macs;
        t.plan = std::move(plan);
        readTrialRun(t, t.plan.id != claimedTrial &&
                            FileLock::isHeld(trialLockFile(folder, t.plan.id)));
        status.trials.push_back(std::move(t));
    }
    weighRungs(status);
    std::vector<double> costs, accuracies;
    for (const TrialStatus& t : status.trials) {
        const bool counts = t.state == TrialState::Finished && t.epochsDone > 0;
        costs.push_back(counts ? trialCost(t, cost) : NAN);
        accuracies.push_back(counts ? t.bestTestAccuracy : NAN);
    }
    summarizeConfigurations(status);
    for (const int i : paretoFront(costs, accuracies)) {
        status.trials[static_cast<std::size_t>(i)].onParetoFront = true;
        status.pareto.push_back(status.trials[static_cast<std::size_t>(i)].plan.id);
    }
    return status;
}

void writeExperimentOrigin(const std::string& folder, const std::string& sourceFile) {
    writeFileAtomically(originFile(folder), fs::absolute(sourceFile).parent_path().string() + "\n");
}

ExperimentDefinition loadExperimentFolder(const std::string& folder) {
    const std::string file = (fs::path(folder) / experimentfiles::kDefinition).string();
    if (!fs::exists(file))
        throw InputError(folder, "not an experiment folder: it has no experiment.json");
    std::ifstream origin(originFile(folder));
    std::string sourceFolder;
    std::getline(origin, sourceFolder);
    return loadExperimentFile(file, sourceFolder);
}

ordered_json toJsonValue(const ExperimentStatus& status) {
    ordered_json trials = ordered_json::array();
    for (const TrialStatus& t : status.trials) {
        ordered_json values = ordered_json::object();
        for (const auto& [key, value] : t.plan.values)
            values[key] = ordered_json::parse(value.dump());
        ordered_json accuracy = ordered_json::array();
        for (double a : t.testAccuracy)
            accuracy.push_back(a);
        trials.push_back({{"id", t.plan.id},
                          {"configuration", t.plan.configuration},
                          {"values", values},
                          {"seed", t.plan.seed},
                          {"status", toString(t.state)},
                          {"message", t.message},
                          {"epochs_done", t.epochsDone},
                          {"epochs", t.epochs},
                          {"best_test_acc", t.bestTestAccuracy},
                          {"test_acc", accuracy},
                          {"params", t.parameters},
                          {"macs", t.macs},
                          {"eval_images_per_second", t.evalImagesPerSecond},
                          {"cpu", t.cpu},
                          {"pareto", t.onParetoFront},
                          {"folder", t.folder}});
    }
    ordered_json configurations = ordered_json::array();
    for (const ConfigurationSummary& c : status.configurations)
        configurations.push_back({{"configuration", c.configuration},
                                  {"label", c.label},
                                  {"trials", c.trials},
                                  {"mean_best_test_acc", c.meanAccuracy},
                                  {"sd_best_test_acc", c.sdAccuracy}});
    return {{"name", status.definition.name},
            {"folder", status.folder},
            {"complete", status.complete()},
            {"cost", toString(status.cost)},
            {"trials", trials},
            {"pareto", status.pareto},
            {"configurations", configurations}};
}

} // namespace inception
