#pragma once

#include "core/runs/RunDirectory.hpp"
#include "core/training/TrainingEvents.hpp"
#include "ui/common/MessageBanner.hpp"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;

namespace inception::ui {

class HyperparameterForm;
class ProgressPanel;
class TrainingActions;
class TrainingPlots;

// Launch, watch and control a run: the hyperparameter form and the Start/Pause/Stop buttons
// on the left; progress, the live plots and the log on the right. It shows either the run
// training here or a run opened from the Runs page.
class TrainingPage : public QWidget {
    Q_OBJECT

public:
    TrainingPage(TrainingActions* actions, QWidget* parent = nullptr);

    HyperparameterForm* form() const { return form_; }
    TrainingPlots* plots() const { return plots_; }
    ProgressPanel* progress() const { return progress_; }
    MessageBanner* banner() const { return banner_; }
    QPlainTextEdit* log() const { return log_; }
    QString runName() const;
    void setRunName(const QString& name);

    void runStarted(const RunDescription& run, const QString& folder);
    void appendBatches(const std::vector<BatchProgress>& batches);
    void appendEpoch(const EpochSummary& epoch);
    void appendLog(const QStringList& lines);
    void runEnded(const RunOutcome& outcome, const QString& folder);
    void setPaused(bool paused);
    // Shows a run read from its directory (reopened, or followed while it grows).
    void showRun(const RunRecord& run);
    QString shownRunFolder() const { return shownFolder_; }
    // The run shown (read from its directory) is the one training here: live events continue it.
    void adoptLiveRun(const QString& folder) { shownFolder_ = folder; }

    QByteArray saveLayout() const;
    void restoreLayout(const QByteArray& state);

signals:
    // "Find Learning Rate...": the window opens the range test for the next run.
    void findLearningRateRequested();

private:
    HyperparameterForm* form_;
    QLineEdit* runName_;
    MessageBanner* banner_;
    QLabel* heading_;
    ProgressPanel* progress_;
    TrainingPlots* plots_;
    QPlainTextEdit* log_;
    QSplitter* splitter_;
    QSplitter* rightSplitter_;
    QString shownFolder_;
    qint64 shownLogSize_ = -1;
};

} // namespace inception::ui
