#include "ui/training/TrainingActions.hpp"

#include <QAction>
#include <QApplication>
#include <QStyle>

namespace inception::ui {

TrainingActions::TrainingActions(QObject* parent) : QObject(parent) {
    QStyle* style = QApplication::style();
    start_ = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Start Training"), this);
    start_->setObjectName(QStringLiteral("actionStart"));
    start_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    pause_ = new QAction(style->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    pause_->setObjectName(QStringLiteral("actionPause"));
    pause_->setShortcut(QKeySequence(Qt::Key_F6));
    stop_ = new QAction(style->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    stop_->setObjectName(QStringLiteral("actionStop"));
    stop_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    stop_->setToolTip(tr("Stop the run after the current batch and save a checkpoint (Shift+F5)"));

    connect(start_, &QAction::triggered, this, &TrainingActions::startTriggered);
    connect(stop_, &QAction::triggered, this, &TrainingActions::stopTriggered);
    connect(pause_, &QAction::triggered, this, [this] {
        if (state_ == TrainingController::State::Paused)
            emit resumeTriggered();
        else
            emit pauseTriggered();
    });
    setState(TrainingController::State::Idle);
}

void TrainingActions::setState(TrainingController::State state) {
    using State = TrainingController::State;
    state_ = state;
    start_->setEnabled(state == State::Idle && startBlocked_.isEmpty());
    start_->setToolTip(startBlocked_.isEmpty()
                           ? tr("Start a run with the current model, data and settings (F5)")
                           : tr("Cannot start: %1").arg(startBlocked_));
    pause_->setEnabled(state == State::Running || state == State::Paused ||
                       state == State::Starting);
    stop_->setEnabled(state != State::Idle && state != State::Stopping);
    const bool paused = state == State::Paused;
    pause_->setText(paused ? tr("&Resume") : tr("&Pause"));
    pause_->setIcon(
        QApplication::style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    pause_->setToolTip(paused ? tr("Resume the run (F6)") : tr("Pause the run (F6)"));
}

void TrainingActions::setStartBlocked(const QString& reason) {
    startBlocked_ = reason;
    setState(state_);
}

} // namespace inception::ui
