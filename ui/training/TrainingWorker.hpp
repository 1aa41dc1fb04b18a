#pragma once

#include "core/session/TrainingSession.hpp"
#include "core/training/TrainingControl.hpp"
#include "core/training/TrainingEvents.hpp"
#include "ui/training/EventMailbox.hpp"

#include <QObject>
#include <QString>

#include <memory>

namespace inception::ui {

// Lives on the training thread and runs one session at a time. Exceptions end here: they
// become failure signals with the message. Every signal carries the run's generation so that
// the controller can drop the events of a run it has already let go.
class TrainingWorker : public QObject {
    Q_OBJECT

public:
    // Blocks the training thread until the run ends.
    void train(const inception::SessionRequest& request,
               std::shared_ptr<inception::TrainingControl> control,
               std::shared_ptr<EventMailbox> mailbox, quint64 generation);

signals:
    void runStarted(quint64 generation, const inception::RunDescription& run,
                    const QString& folder);
    void epochFinished(quint64 generation, const inception::EpochSummary& epoch);
    void checkpointSaved(quint64 generation, const QString& path);
    void checkpointFailed(quint64 generation, const QString& path, const QString& message);
    void runEnded(quint64 generation, const inception::RunOutcome& outcome, const QString& folder);
    void failedToStart(quint64 generation, const QString& message);
};

} // namespace inception::ui
