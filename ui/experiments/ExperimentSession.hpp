#pragma once

#include "core/experiments/ExperimentStatus.hpp"
#include "core/training/TrainingControl.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QThread;

namespace inception::ui {

// An experiment folder in the window: its status read again about once a second on Qt's
// thread pool (never on the GUI thread), and its trials trained one at a time on a thread of
// their own. Exceptions end on that thread and come back as `failed` with their message.
class ExperimentSession : public QObject {
    Q_OBJECT

public:
    explicit ExperimentSession(QObject* parent = nullptr);
    ~ExperimentSession() override;

    // Follows the experiment in `folder` (made by prepareExperimentFolder).
    void open(const QString& folder);
    const QString& folder() const { return folder_; }
    bool isRunning() const { return thread_ != nullptr; }
    bool isPaused() const { return control_ && control_->pauseRequested(); }

    // Trains what is left, trial after trial; the run directory of each is an ordinary one.
    void start();
    void pause();
    void resume();
    // Stops after the current batch; the trial keeps a checkpoint and continues on start().
    void stop();

    // For tests and the GUI bench: reads the status now, on the calling thread.
    void refreshNow();

signals:
    void statusChanged(std::shared_ptr<const inception::ExperimentStatus> status);
    void runningChanged(bool running);
    void trialStarted(int trial, const QString& label);
    void failed(const QString& message);

private:
    void poll();
    void finished(bool stopped, const QString& error);

    QString folder_;
    QThread* thread_ = nullptr;
    std::shared_ptr<inception::TrainingControl> control_;
    QTimer pollTimer_;
    bool polling_ = false;
    quint64 openedGeneration_ = 0;
};

} // namespace inception::ui
