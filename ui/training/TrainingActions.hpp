#pragma once

#include "ui/training/TrainingController.hpp"

#include <QObject>

class QAction;

namespace inception::ui {

// Start, Pause/Resume and Stop, shared by the menu, the toolbar and the Training page's
// buttons, enabled according to the controller's state.
class TrainingActions : public QObject {
    Q_OBJECT

public:
    explicit TrainingActions(QObject* parent);

    QAction* start() const { return start_; }
    QAction* pause() const { return pause_; }
    QAction* stop() const { return stop_; }

    void setState(TrainingController::State state);
    // Start stays disabled while there is a reason (an invalid model spec), shown as its tooltip.
    void setStartBlocked(const QString& reason);

signals:
    void startTriggered();
    void pauseTriggered();
    void resumeTriggered();
    void stopTriggered();

private:
    QAction* start_;
    QAction* pause_;
    QAction* stop_;
    TrainingController::State state_ = TrainingController::State::Idle;
    QString startBlocked_;
};

} // namespace inception::ui
