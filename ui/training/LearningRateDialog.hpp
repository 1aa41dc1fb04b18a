#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <QDialog>

#include <atomic>
#include <optional>
#include <thread>

class QLabel;
class QPushButton;

namespace inception::ui {

class PlotView;

// "Find Learning Rate": the range test (LearningRateFinder.hpp) on a fresh model of the next
// run's spec and settings, on a thread of its own, drawn as it runs: loss against rate on a
// log axis, the suggested rate marked, one click to use it.
class LearningRateDialog : public QDialog {
    Q_OBJECT

public:
    LearningRateDialog(const ModelSpec& spec, const TrainingConfig& config,
                       const QString& dataSource, QWidget* parent = nullptr);
    ~LearningRateDialog() override; // stops the sweep at its next batch and waits for it

    PlotView* plot() const { return plot_; }
    std::optional<double> suggestedRate() const { return suggested_; }
    bool isRunning() const { return running_; }

signals:
    void rateChosen(double rate);
    // The sweep ended (finished, stopped or failed).
    void finished();

private:
    void addPoint(double rate, double loss, double smoothed);
    void sweepEnded(std::optional<double> suggested, bool diverged, const QString& error);

    PlotView* plot_;
    QLabel* status_;
    QPushButton* use_;
    std::optional<double> suggested_;
    bool running_ = true;
    std::atomic<bool> cancel_{false};
    std::thread worker_;
};

} // namespace inception::ui
