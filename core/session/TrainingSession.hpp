#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"
#include "core/training/TrainingControl.hpp"
#include "core/training/TrainingEvents.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace inception {

class Trainer;
class RunRecorder;
class Communicator;

// What a front end asks for: a new run, or the continuation of a saved one.
struct SessionRequest {
    std::string dataSpec;   // "cifar10:PATH", "synthetic:N", ...
    std::string runsFolder; // receives the run directory of a new run
    std::string name;       // of a new run; the spec's name when empty
    // A new run's exact folder (made here; it must not exist yet) instead of a timestamped
    // one in runsFolder: an experiment's trial.
    std::string runFolder;
    ModelSpec spec;
    TrainingConfig config;
    std::string resumeCheckpoint;    // continue this run instead of starting one
    std::optional<int> resumeEpochs; // a new epoch count for the continued run
    // The spec is a preset, not the user's design: it takes the data's image size, channels
    // and classes (a preset's 32 x 32 RGB ten-class input fits CIFAR-10 alone).
    bool fitSpecToData = false;
    // A data-parallel run: this process is one of its ranks (see Trainer::joinDataParallel).
    // Rank 0 alone makes and writes the run directory and its checkpoints.
    std::shared_ptr<Communicator> communicator;
    bool checkReplicas = false;
};

// One training run as the CLI and the workbench both drive it: the data loaded, the trainer
// built (or resumed), the run directory made and recorded, checkpoints saved into it.
class TrainingSession {
public:
    // Throws InputError for bad data, spec, settings or checkpoint, before any run folder
    // is made.
    explicit TrainingSession(const SessionRequest& request);
    ~TrainingSession();
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    void addObserver(TrainingObserver* observer);
    RunOutcome run(TrainingControl& control);

    // The run directory; empty on the ranks other than 0, which write nothing.
    const std::string& folder() const;
    const std::vector<std::string>& classNames() const;
    // What the data's reader skipped or changed (Dataset::notes).
    const std::vector<std::string>& dataNotes() const { return dataNotes_; }
    const Trainer& trainer() const;

private:
    std::vector<std::string> classNames_;
    std::vector<std::string> dataNotes_;
    std::unique_ptr<Trainer> trainer_;
    std::unique_ptr<RunRecorder> recorder_;
};

} // namespace inception
