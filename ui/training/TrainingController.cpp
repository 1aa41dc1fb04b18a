#include "ui/training/TrainingController.hpp"

#include "core/training/TrainingControl.hpp"
#include "ui/training/EventMailbox.hpp"
#include "ui/training/TrainingWorker.hpp"

namespace inception::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    registerMetaTypes();
    thread_.setObjectName(QStringLiteral("training"));
    worker_ = new TrainingWorker; // parentless: it lives on the training thread
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

    connect(worker_, &TrainingWorker::runStarted, this,
            [this](quint64 generation, const RunDescription& run, const QString& folder) {
                if (!isCurrent(generation))
                    return;
                runFolder_ = folder;
                if (state_ == State::Starting)
                    setState(control_->pauseRequested() ? State::Paused : State::Running);
                emit runStarted(run, folder);
            });
    connect(worker_, &TrainingWorker::epochFinished, this,
            [this](quint64 generation, const EpochSummary& epoch) {
                if (!isCurrent(generation))
                    return;
                deliverMailbox(); // the epoch's last batches come before the epoch
                emit epochFinished(epoch);
            });
    connect(worker_, &TrainingWorker::checkpointSaved, this,
            [this](quint64 generation, const QString& path) {
                if (isCurrent(generation))
                    emit checkpointSaved(path);
            });
    connect(worker_, &TrainingWorker::checkpointFailed, this,
            [this](quint64 generation, const QString& path, const QString& message) {
                if (isCurrent(generation))
                    emit checkpointFailed(path, message);
            });
    connect(worker_, &TrainingWorker::runEnded, this,
            [this](quint64 generation, const RunOutcome& outcome, const QString& folder) {
                if (!isCurrent(generation))
                    return;
                deliverMailbox();
                updateTimer_.stop();
                setState(State::Idle);
                emit runEnded(outcome, folder);
            });
    connect(worker_, &TrainingWorker::failedToStart, this,
            [this](quint64 generation, const QString& message) {
                if (!isCurrent(generation))
                    return;
                updateTimer_.stop();
                setState(State::Idle);
                emit failedToStart(message);
            });

    updateTimer_.setInterval(1000 / kUpdatesPerSecond);
    connect(&updateTimer_, &QTimer::timeout, this, &TrainingController::deliverMailbox);
    thread_.start();
}

TrainingController::~TrainingController() {
    if (control_)
        control_->requestCancel(); // the trainer saves a checkpoint and returns
    thread_.quit();
    thread_.wait();
}

void TrainingController::start(const SessionRequest& request) {
    if (isActive())
        return;
    ++generation_;
    control_ = std::make_shared<TrainingControl>();
    mailbox_ = std::make_shared<EventMailbox>();
    runFolder_.clear();
    setState(State::Starting);
    updateTimer_.start();
    QMetaObject::invokeMethod(
        worker_,
        [worker = worker_, request, control = control_, mailbox = mailbox_,
         generation = generation_] { worker->train(request, control, mailbox, generation); },
        Qt::QueuedConnection);
}

void TrainingController::pause() {
    if (state_ != State::Running && state_ != State::Starting)
        return;
    control_->requestPause();
    pauseReported_ = false;
    if (state_ == State::Running)
        setState(State::Paused);
}

void TrainingController::resume() {
    if (state_ != State::Paused && !(state_ == State::Starting && control_->pauseRequested()))
        return;
    control_->requestResume();
    if (state_ == State::Paused)
        setState(State::Running);
}

bool TrainingController::saveCheckpoint(const QString& path) {
    if (!isActive() || state_ == State::Stopping)
        return false;
    control_->requestCheckpoint(path.toStdString());
    return true;
}

void TrainingController::stop() {
    if (!isActive() || state_ == State::Stopping)
        return;
    control_->requestCancel();
    setState(State::Stopping);
}

void TrainingController::setState(State state) {
    if (state == state_)
        return;
    state_ = state;
    emit stateChanged(state);
}

void TrainingController::deliverMailbox() {
    if (!mailbox_)
        return;
    // Read before the mailbox: a trainer holding now posted its last batch before it.
    const bool holding = state_ == State::Paused && !pauseReported_ && control_->isHolding();
    EventMailbox::Contents contents = mailbox_->take();
    if (!contents.batches.empty())
        emit batchesArrived(contents.batches);
    if (!contents.lines.empty()) {
        QStringList lines;
        lines.reserve(static_cast<qsizetype>(contents.lines.size()));
        for (const auto& line : contents.lines)
            lines << QString::fromStdString(line);
        emit logLinesArrived(lines);
    }
    if (holding) {
        pauseReported_ = true;
        emit pauseReached();
    }
}

void registerMetaTypes() {
    qRegisterMetaType<RunDescription>();
    qRegisterMetaType<EpochSummary>();
    qRegisterMetaType<RunOutcome>();
    qRegisterMetaType<std::vector<BatchProgress>>();
}

} // namespace inception::ui
