#pragma once

#include "core/runs/RunDirectory.hpp"
#include "core/training/TrainingEvents.hpp"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace inception::ui {

// Where the run stands: a progress bar over all the run's batches (epoch and batch in its
// text), images per second and the time left.
class ProgressPanel : public QWidget {
    Q_OBJECT

public:
    explicit ProgressPanel(QWidget* parent = nullptr);

    void runStarted(const RunDescription& run);
    void batchesArrived(const std::vector<BatchProgress>& batches);
    void setPaused(bool paused);
    void runEnded(const QString& summary);
    // Where a run read from its directory stands (a run followed while it grows elsewhere).
    void showRun(const RunRecord& run);

    QProgressBar* bar() const { return bar_; }
    QString speedText() const;
    QString timeLeftText() const;

private:
    void updateTimeLeft();
    void showBatch(const BatchProgress& last);

    QProgressBar* bar_;
    QLabel* speed_;
    QLabel* timeLeft_;
    QElapsedTimer clock_;
    qint64 activeMilliseconds_ = 0; // time spent training, pauses excluded
    bool paused_ = false;
    int batchesPerEpoch_ = 0;
    int firstBatch_ = 0; // batches done before this session (a resumed run)
    int batchesDone_ = 0;
};

// "1 h 05 min", "4 min 10 s", "12 s".
QString formatDuration(double seconds);

} // namespace inception::ui
