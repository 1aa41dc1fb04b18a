#include "core/experiments/ExperimentRunner.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/FileLock.hpp"
#include "core/base/InputError.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/session/TrainingSession.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace inception {

namespace fs = std::filesystem;

namespace {

std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "cannot be read: no such file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Whether the trials' specs are presets that take the data's input shape and classes.
bool fitsPresetToData(const ExperimentDefinition& definition) {
    const auto model = definition.base.find("model");
    return model == definition.base.end() ||
           (model->is_string() && preset(model->get<std::string>()).has_value());
}

} // namespace

void prepareExperimentFolder(const std::string& definitionFile, const std::string& folder) {
    const std::string text = fileText(definitionFile);
    loadExperimentFile(definitionFile); // a bad file writes nothing
    const fs::path copy = fs::path(folder) / experimentfiles::kDefinition;
    if (fs::exists(copy)) {
        if (fs::equivalent(copy, definitionFile) || fileText(copy.string()) == text)
            return;
        throw InputError(folder, "holds another experiment: its experiment.json differs from " +
                                     definitionFile + " (give another --out)");
    }
    std::error_code ec;
    fs::create_directories(fs::path(folder) / experimentfiles::kTrials, ec);
    fs::create_directories(fs::path(folder) / experimentfiles::kLocks, ec);
    if (ec)
        throw InputError(folder, "cannot be created: " + ec.message());
    writeExperimentOrigin(folder, definitionFile);
    writeFileAtomically(copy.string(), text);
}

ExperimentRunner::ExperimentRunner(ExperimentRunOptions options) : options_(std::move(options)) {}

bool ExperimentRunner::mine(const TrialStatus& trial) const {
    return !options_.onlyTrial || *options_.onlyTrial == trial.plan.id;
}

ExperimentOutcome ExperimentRunner::run(TrainingControl& control, ExperimentObserver& observer) {
    ExperimentOutcome outcome;
    {
        const ExperimentStatus status = readExperimentStatus(options_.folder);
        if (options_.onlyTrial && (*options_.onlyTrial < 0 ||
                                   *options_.onlyTrial >= static_cast<int>(status.trials.size())))
            throw InputError("--trial", "must be a trial id from 0 to " +
                                            std::to_string(status.trials.size() - 1) + ", got " +
                                            std::to_string(*options_.onlyTrial));
    }
    while (!control.cancelRequested()) {
        const ExperimentStatus status = readExperimentStatus(options_.folder);
        if (pruneDecided(status, observer))
            continue;
        if (trainNext(status, control, observer)) {
            ++outcome.trialsTrained;
            continue;
        }
        if (std::all_of(status.trials.begin(), status.trials.end(),
                        [&](const TrialStatus& t) { return t.done() || !mine(t); })) {
            outcome.complete = true;
            return outcome;
        }
        observer.waiting(options_.onlyTrial ? "trial " + std::to_string(*options_.onlyTrial) +
                                                  " waits for the other trials' rung"
                                            : "waiting for trials that other processes train");
        const auto until = std::chrono::steady_clock::now() + options_.poll;
        while (std::chrono::steady_clock::now() < until && !control.cancelRequested())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    outcome.stopped = true;
    return outcome;
}

bool ExperimentRunner::pruneDecided(const ExperimentStatus& status, ExperimentObserver& observer) {
    bool pruned = false;
    for (const TrialStatus& t : status.trials) {
        if (!mine(t) || t.next.kind != TrialStep::Prune)
            continue;
        const auto lock = FileLock::tryAcquire(trialLockFile(options_.folder, t.plan.id));
        if (!lock)
            continue;
        if (fs::exists(fs::path(t.folder) / runfiles::kRunJson))
            markRunPruned(t.folder, t.next.why);
        observer.trialPruned(t, t.next.why);
        pruned = true;
    }
    return pruned;
}

bool ExperimentRunner::trainNext(const ExperimentStatus& status, TrainingControl& control,
                                 ExperimentObserver& observer) {
    std::vector<const TrialStatus*> ready;
    for (const TrialStatus& t : status.trials)
        if (mine(t) && t.next.kind == TrialStep::Train && t.state != TrialState::Running)
            ready.push_back(&t);
    // Rung by rung: every configuration reaches a rung before any goes past it.
    std::stable_sort(ready.begin(), ready.end(), [](const TrialStatus* a, const TrialStatus* b) {
        return a->next.rung < b->next.rung;
    });
    for (const TrialStatus* candidate : ready) {
        const auto lock = FileLock::tryAcquire(trialLockFile(options_.folder, candidate->plan.id));
        if (!lock)
            continue;
        // Another process may have trained it between the read and the lock.
        const ExperimentStatus now =
            readExperimentStatus(options_.folder, CostMeasure::Macs, candidate->plan.id);
        const TrialStatus& trial = now.trials[static_cast<std::size_t>(candidate->plan.id)];
        if (trial.next.kind != TrialStep::Train)
            continue;
        observer.trialStarting(trial, trial.next.untilEpoch);
        const RunOutcome outcome = train(now.definition, trial, control, observer);
        observer.trialEnded(trial, outcome);
        return true;
    }
    return false;
}

RunOutcome ExperimentRunner::train(const ExperimentDefinition& definition, const TrialStatus& trial,
                                   TrainingControl& control, ExperimentObserver& observer) {
    SessionRequest request;
    request.dataSpec = definition.data;
    const std::string checkpoint = runCheckpoint(trial.folder, RunCheckpoint::Last);
    if (fs::exists(fs::path(trial.folder) / runfiles::kRunJson) && fs::exists(checkpoint)) {
        request.resumeCheckpoint = checkpoint;
    } else {
        fs::remove_all(trial.folder); // cut before its first checkpoint: start it again
        request.runFolder = trial.folder;
        request.spec = trial.plan.spec;
        request.config = trial.plan.config;
        if (options_.threads > 0)
            request.config.threads = options_.threads;
        request.fitSpecToData = fitsPresetToData(definition);
    }
    TrainingSession session(request);
    if (TrainingObserver* o = observer.trainingObserver())
        session.addObserver(o);
    control.requestStopAfterEpoch(trial.next.untilEpoch < trial.epochs ? trial.next.untilEpoch : 0);
    return session.run(control);
}

} // namespace inception
