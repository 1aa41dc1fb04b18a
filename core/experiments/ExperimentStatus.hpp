#pragma once

#include "core/experiments/Experiment.hpp"
#include "core/experiments/SuccessiveHalving.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// An experiment's folder: experiment.json (a copy of the file as given), trials/<trial>/ (one
// run directory each) and locks/<id>.lock (held by the process that trains the trial). The
// experiment's state is read from the trials' run directories: no file is shared.
namespace experimentfiles {
inline constexpr const char* kDefinition = "experiment.json";
inline constexpr const char* kTrials = "trials";
inline constexpr const char* kLocks = "locks";
} // namespace experimentfiles

std::string trialFolder(const std::string& experimentFolder, const TrialPlan& trial);
std::string trialLockFile(const std::string& experimentFolder, int trialId);

// Records where the experiment file lay (`origin`): a relative spec path in its base.model
// is read from there.
void writeExperimentOrigin(const std::string& folder, const std::string& sourceFile);
// The experiment.json of an experiment folder; throws InputError when missing or invalid.
ExperimentDefinition loadExperimentFolder(const std::string& folder);

enum class TrialState {
    Pending,  // not started, or stopped at a rung and promoted: more to train
    Running,  // a process holds its lock
    Waiting,  // stopped at a rung until the other configurations get there
    Stopped,  // stopped by the user or cut by a kill: continues on the next run
    Finished, // trained to its last epoch, or ended early by its stopping rules
    Pruned,   // halving stopped it for good (its checkpoints kept)
    Failed,   // diverged, or its run failed
};
std::string toString(TrialState state);

// What a trial needs next.
struct TrialStep {
    enum Kind { None, Train, Prune, Wait } kind = None;
    int untilEpoch = 0; // Train: stop after this epoch (the trial's last for its end)
    int rung = 0;       // the halving rung it trains toward (0: the first)
    std::string why;    // Prune: the verdict, for run.json's message
};

struct TrialStatus {
    TrialPlan plan;
    std::string folder; // its run directory, whether made yet or not
    TrialState state = TrialState::Pending;
    std::string message; // the run's own, or the halving's verdict
    int epochsDone = 0;
    int epochs = 0;
    std::vector<double> testAccuracy; // by epoch
    double bestTestAccuracy = 0.0;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;            // multiply-accumulates per image, forward
    double evalImagesPerSecond = 0.0; // median over its epochs' evaluations; 0: not measured
    std::string cpu;                  // the processor that measured it
    bool onParetoFront = false;
    TrialStep next;

    bool done() const {
        return state == TrialState::Finished || state == TrialState::Pruned ||
               state == TrialState::Failed;
    }
};

// What the Pareto front weighs accuracy against.
enum class CostMeasure { Macs, Parameters, EvalSpeed };
std::string toString(CostMeasure measure);
CostMeasure parseCostMeasure(const std::string& text, const std::string& field);

// A configuration over its seeds: the mean and sample standard deviation of its trials' best
// test accuracies (of the trials measured so far).
struct ConfigurationSummary {
    int configuration = 0;
    std::string label; // its varied values
    int trials = 0;    // measured ones
    double meanAccuracy = 0.0;
    double sdAccuracy = 0.0; // 0 for one trial
};

struct ExperimentStatus {
    std::string folder;
    ExperimentDefinition definition;
    std::vector<TrialStatus> trials;
    std::vector<int> pareto; // trial ids on the accuracy-cost front, cheapest first
    std::vector<ConfigurationSummary> configurations;
    CostMeasure cost = CostMeasure::Macs;

    bool complete() const;
    int count(TrialState state) const;
};

// Reads the experiment in `folder` (its experiment.json and its trials' run directories);
// throws InputError when experiment.json is missing or invalid. The front is over the
// finished trials (a pruned trial's accuracy is an early one), by `cost`.
// `claimedTrial`: a trial whose lock the caller holds, read as if free.
ExperimentStatus readExperimentStatus(const std::string& folder,
                                      CostMeasure cost = CostMeasure::Macs, int claimedTrial = -1);

// The cost of a trial by `measure`, lower is cheaper (speed counts as seconds per image).
double trialCost(const TrialStatus& trial, CostMeasure measure);

// The status as JSON: {"name", "folder", "trials": [...], "pareto": [ids], "configurations":
// [...]} (docs/experiments.md).
nlohmann::ordered_json toJsonValue(const ExperimentStatus& status);

} // namespace inception
