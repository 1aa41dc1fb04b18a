#include "ui/training/TrainingWorker.hpp"

#include "core/base/InputError.hpp"
#include "core/training/TrainingLog.hpp"

#include <exception>

namespace inception::ui {

namespace {

// Forwards the trainer's events: epoch-level ones as queued signals, batch-level ones and
// log lines into the mailbox.
class ForwardingObserver : public TrainingObserver {
public:
    ForwardingObserver(TrainingWorker& worker, EventMailbox& mailbox, quint64 generation,
                       QString folder)
        : worker_(worker), mailbox_(mailbox), generation_(generation), folder_(std::move(folder)),
          log_([&mailbox](const std::string& line) { mailbox.post(line); }) {}

    void runStarted(const RunDescription& run) override {
        log_.runStarted(run);
        emit worker_.runStarted(generation_, run, folder_);
    }
    void batchFinished(const BatchProgress& batch) override {
        mailbox_.post(batch);
        log_.batchFinished(batch);
    }
    void epochFinished(const EpochSummary& epoch,
                       const std::vector<SamplePrediction>& predictions) override {
        log_.epochFinished(epoch, predictions);
        emit worker_.epochFinished(generation_, epoch);
    }
    void checkpointSaved(const std::string& path) override {
        emit worker_.checkpointSaved(generation_, QString::fromStdString(path));
    }
    void checkpointFailed(const std::string& path, const std::string& message) override {
        emit worker_.checkpointFailed(generation_, QString::fromStdString(path),
                                      QString::fromStdString(message));
    }
    void runEnded(const RunOutcome& outcome) override { log_.runEnded(outcome); }

private:
    TrainingWorker& worker_;
    EventMailbox& mailbox_;
    quint64 generation_;
    QString folder_;
    TrainingLog log_;
};

} // namespace

void TrainingWorker::train(const SessionRequest& request, std::shared_ptr<TrainingControl> control,
                           std::shared_ptr<EventMailbox> mailbox, quint64 generation) {
    std::unique_ptr<TrainingSession> session;
    try {
        session = std::make_unique<TrainingSession>(request);
    } catch (const InputError& e) {
        emit failedToStart(generation, QString::fromStdString(e.oneLine()));
        return;
    } catch (const std::exception& e) {
        emit failedToStart(generation, QString::fromStdString(e.what()));
        return;
    }
    const QString folder = QString::fromStdString(session->folder());
    RunOutcome outcome;
    try {
        ForwardingObserver forward(*this, *mailbox, generation, folder);
        session->addObserver(&forward);
        outcome = session->run(*control);
    } catch (const std::exception& e) {
        // Trainer::run reports training failures in the outcome; this is a failure around it.
        outcome.status = RunStatus::Failed;
        outcome.cause = FailureCause::Internal;
        outcome.message = e.what();
    }
    emit runEnded(generation, outcome, folder);
}

} // namespace inception::ui
