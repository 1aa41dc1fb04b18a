#include "ui/training/ProgressPanel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include <cmath>

namespace inception::ui {

QString formatDuration(double seconds) {
    const qint64 s = std::llround(std::max(0.0, seconds));
    if (s >= 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return QStringLiteral("%1 s").arg(s);
}

ProgressPanel::ProgressPanel(QWidget* parent) : QWidget(parent) {
    bar_ = new QProgressBar(this);
    bar_->setObjectName(QStringLiteral("runProgress"));
    bar_->setRange(0, 1);
    bar_->setValue(0);
    bar_->setFormat(tr("No run"));
    bar_->setTextVisible(true);
    speed_ = new QLabel(this);
    timeLeft_ = new QLabel(this);
    speed_->setMinimumWidth(110);
    timeLeft_->setMinimumWidth(150);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(bar_, 1);
    row->addWidget(speed_);
    row->addWidget(timeLeft_);
}

void ProgressPanel::runStarted(const RunDescription& run) {
    batchesPerEpoch_ = std::max(1, run.batchesPerEpoch);
    firstBatch_ = (run.startEpoch - 1) * batchesPerEpoch_ + run.startBatch;
    batchesDone_ = firstBatch_;
    activeMilliseconds_ = 0;
    paused_ = false;
    clock_.start();
    bar_->setRange(0, run.config.epochs * batchesPerEpoch_);
    bar_->setValue(batchesDone_);
    bar_->setFormat(tr("Starting epoch %1 of %2").arg(run.startEpoch).arg(run.config.epochs));
    speed_->clear();
    timeLeft_->clear();
}

void ProgressPanel::batchesArrived(const std::vector<BatchProgress>& batches) {
    if (batches.empty())
        return;
    const BatchProgress& last = batches.back();
    batchesDone_ = (last.epoch - 1) * batchesPerEpoch_ + last.batch;
    bar_->setValue(std::min(batchesDone_, bar_->maximum()));
    showBatch(last);
    updateTimeLeft();
}

void ProgressPanel::showBatch(const BatchProgress& last) {
    bar_->setFormat(tr("Epoch %1 of %2 · batch %3 of %4 · %p%")
                        .arg(last.epoch)
                        .arg(last.epochs)
                        .arg(last.batch)
                        .arg(last.batches));
    speed_->setText(tr("%1 images/s").arg(last.imagesPerSecond, 0, 'f', 0));
}

void ProgressPanel::setPaused(bool paused) {
    if (paused == paused_)
        return;
    if (paused)
        activeMilliseconds_ += clock_.elapsed();
    else
        clock_.start();
    paused_ = paused;
    timeLeft_->setText(paused ? tr("paused") : timeLeftText());
}

void ProgressPanel::runEnded(const QString& summary) {
    bar_->setFormat(summary);
    timeLeft_->clear();
}

void ProgressPanel::showRun(const RunRecord& run) {
    const int perEpoch = run.batches.empty() ? 1 : std::max(1, run.batches.back().batches);
    bar_->setRange(0, std::max(1, run.config.epochs * perEpoch));
    speed_->clear();
    timeLeft_->clear();
    if (run.batches.empty()) {
        bar_->setValue(0);
        bar_->setFormat(QString::fromStdString(toString(run.status)));
        return;
    }
    const BatchProgress& last = run.batches.back();
    bar_->setValue(std::min(bar_->maximum(), (last.epoch - 1) * perEpoch + last.batch));
    if (run.status != RunStatus::Running) {
        bar_->setFormat(QString::fromStdString(toString(run.status)) +
                        tr(" after %n epoch(s)", nullptr, static_cast<int>(run.epochs.size())));
        return;
    }
    showBatch(last);
    if (!run.epochs.empty()) {
        double seconds = 0;
        for (const EpochSummary& epoch : run.epochs)
            seconds += epoch.seconds;
        const double perBatch = seconds / static_cast<double>(run.epochs.size()) / perEpoch;
        timeLeft_->setText(
            tr("%1 left").arg(formatDuration(perBatch * (bar_->maximum() - bar_->value()))));
    }
}

QString ProgressPanel::speedText() const {
    return speed_->text();
}

QString ProgressPanel::timeLeftText() const {
    const qint64 active = activeMilliseconds_ + (paused_ ? 0 : clock_.elapsed());
    const int done = batchesDone_ - firstBatch_;
    if (done <= 0)
        return {};
    // Time per batch so far (evaluation included) times the batches left.
    const double seconds = active / 1000.0 / done * (bar_->maximum() - batchesDone_);
    return tr("%1 left").arg(formatDuration(seconds));
}

void ProgressPanel::updateTimeLeft() {
    if (!paused_)
        timeLeft_->setText(timeLeftText());
}

} // namespace inception::ui
