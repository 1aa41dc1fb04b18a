#pragma once

#include "core/experiments/ExperimentStatus.hpp"
#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <QWidget>

#include <memory>

class QGroupBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace inception::ui {

class ExperimentDraftPanel;
class ExperimentPlots;
class ExperimentSession;
class MessageBanner;
class TrialTableModel;

// The Experiments page: build an experiment from the Model page's network and the Training
// page's settings (what varies, the trial count and cost before starting), or open one a CLI
// ran; start, pause, stop and continue it (trials one at a time on the experiment's thread);
// a live, sortable table of its trials (double-click opens the run) and its pictures.
class ExperimentsPage : public QWidget {
    Q_OBJECT

public:
    explicit ExperimentsPage(QWidget* parent = nullptr);
    ~ExperimentsPage() override;

    // Where new experiments are made: <folder>/<name>.json and <folder>/<name>/.
    void setExperimentsFolder(const QString& folder);
    void setBase(const inception::ModelSpec& spec, const inception::TrainingConfig& config,
                 const QString& dataSpec);
    void vary(const QString& key, const QString& values);
    void openExperiment(const QString& folder);

    ExperimentDraftPanel* draft() const { return draft_; }
    ExperimentSession* session() const { return session_; }
    ExperimentPlots* plots() const { return plots_; }
    QTableView* trialTable() const { return table_; }
    TrialTableModel* trials() const { return model_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* stopButton() const { return stop_; }

signals:
    void openRunRequested(const QString& folder);

private:
    void createExperiment();
    void openWithDialog();
    void showStatus(std::shared_ptr<const inception::ExperimentStatus> status);
    void updateButtons();

    QString experimentsFolder_;
    ExperimentSession* session_ = nullptr;
    ExperimentDraftPanel* draft_ = nullptr;
    QGroupBox* draftBox_ = nullptr;
    MessageBanner* banner_ = nullptr;
    QLabel* heading_ = nullptr;
    QLabel* progress_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* stop_ = nullptr;
    TrialTableModel* model_ = nullptr;
    QSortFilterProxyModel* sorted_ = nullptr;
    QTableView* table_ = nullptr;
    ExperimentPlots* plots_ = nullptr;
};

} // namespace inception::ui
