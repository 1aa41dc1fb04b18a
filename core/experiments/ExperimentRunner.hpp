#pragma once

#include "core/experiments/ExperimentStatus.hpp"
#include "core/training/TrainingControl.hpp"
#include "core/training/TrainingEvents.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace inception {

// Makes the experiment folder for `definitionFile` (checked first: a bad file writes
// nothing) with a copy of the file as given, or accepts the folder when it holds the same
// experiment already. Throws InputError when it holds another one.
void prepareExperimentFolder(const std::string& definitionFile, const std::string& folder);

// What the runner does, told on its thread.
class ExperimentObserver {
public:
    virtual ~ExperimentObserver() = default;
    virtual void trialStarting(const TrialStatus& /*trial*/, int /*untilEpoch*/) {}
    // Receives the training events of the trial just started; null: none.
    virtual TrainingObserver* trainingObserver() { return nullptr; }
    virtual void trialEnded(const TrialStatus& /*trial*/, const RunOutcome& /*outcome*/) {}
    virtual void trialPruned(const TrialStatus& /*trial*/, const std::string& /*why*/) {}
    // Nothing to train until other processes' trials get further.
    virtual void waiting(const std::string& /*why*/) {}
};

struct ExperimentRunOptions {
    std::string folder;
    std::optional<int> onlyTrial;         // --trial K: this trial alone, through all its rungs
    int threads = 0;                      // each trial's LibTorch threads; 0: the trial's setting
    std::chrono::milliseconds poll{2000}; // while waiting for other processes
};

struct ExperimentOutcome {
    bool complete = false; // every trial (or the one asked for) finished, pruned or failed
    bool stopped = false;  // the control cancelled it; the trial under way saved its state
    int trialsTrained = 0; // trial sessions run by this call
};

// Trains an experiment's trials, or continues them: it reads the state from the trials' run
// directories, claims a trial with its lock file, trains it to its next rung (or its end),
// prunes what halving rules out, and goes on until nothing is left. Any number of runners,
// in any processes sharing the folder, may work on one experiment at once.
class ExperimentRunner {
public:
    explicit ExperimentRunner(ExperimentRunOptions options);
    // Throws InputError for bad data or a damaged experiment folder.
    ExperimentOutcome run(TrainingControl& control, ExperimentObserver& observer);

private:
    bool pruneDecided(const ExperimentStatus& status, ExperimentObserver& observer);
    bool trainNext(const ExperimentStatus& status, TrainingControl& control,
                   ExperimentObserver& observer);
    RunOutcome train(const ExperimentDefinition& definition, const TrialStatus& trial,
                     TrainingControl& control, ExperimentObserver& observer);
    bool mine(const TrialStatus& trial) const;

    ExperimentRunOptions options_;
};

} // namespace inception
