#pragma once

#include "core/session/TrainingSession.hpp"
#include "ui/common/MetaTypes.hpp"

#include <QObject>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <memory>

namespace inception {
class TrainingControl;
}

namespace inception::ui {

class EventMailbox;
class TrainingWorker;

// The GUI's handle on training: commands in, value events out, all on the GUI thread. The
// run itself happens on a worker thread that this object owns; nothing here ever waits on
// it, except the destructor, which stops the run (saving a checkpoint) and joins the thread.
class TrainingController : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Starting, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    State state() const { return state_; }
    bool isActive() const { return state_ != State::Idle; }
    QString runFolder() const { return runFolder_; }
    // Screen updates per second at most for batch-level events.
    static constexpr int kUpdatesPerSecond = 30;

public slots:
    void start(const inception::SessionRequest& request);
    void pause();
    void resume();
    void stop();
    // Asks the run for a copy of its state at the next batch boundary (also while paused):
    // checkpointSaved(path) or checkpointFailed follows. False when no run is training.
    bool saveCheckpoint(const QString& path);

signals:
    void stateChanged(inception::ui::TrainingController::State state);
    void runStarted(const inception::RunDescription& run, const QString& folder);
    // Every batch since the last update, in order, at most kUpdatesPerSecond times a second.
    void batchesArrived(const std::vector<inception::BatchProgress>& batches);
    void logLinesArrived(const QStringList& lines);
    void epochFinished(const inception::EpochSummary& epoch);
    void checkpointSaved(const QString& path);
    void checkpointFailed(const QString& path, const QString& message);
    void runEnded(const inception::RunOutcome& outcome, const QString& folder);
    // The run could not start (bad data, spec or settings): one line.
    void failedToStart(const QString& message);
    // After pause(): the trainer stopped between two batches, and every batch before the
    // pause has been delivered through batchesArrived.
    void pauseReached();

private:
    void setState(State state);
    bool isCurrent(quint64 generation) const { return generation == generation_; }
    void deliverMailbox();

    QThread thread_;
    TrainingWorker* worker_ = nullptr;
    QTimer updateTimer_;
    std::shared_ptr<TrainingControl> control_;
    std::shared_ptr<EventMailbox> mailbox_;
    quint64 generation_ = 0;
    bool pauseReported_ = false;
    State state_ = State::Idle;
    QString runFolder_;
};

} // namespace inception::ui
