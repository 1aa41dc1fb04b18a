#pragma once

#include "ui/common/MessageBanner.hpp"
#include "ui/training/TrainingController.hpp"

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace inception::ui {

class AnalysisPage;
class CheckpointWorkflow;
class DataPage;
class ModelPage;
class OpenedRun;
class ReportJob;
class RunCatalog;
class RunsPage;
class ExperimentsPage;
class TrainingActions;
class TrainingPage;

// Wires the pages, the training controller and the run catalog together; holds the menus,
// toolbar and status bar. The pages do the work.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum Page {
        ModelPageIndex,
        DataPageIndex,
        TrainingPageIndex,
        AnalysisPageIndex,
        RunsPageIndex,
        ExperimentsPageIndex
    };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingController* controller() const { return controller_; }
    TrainingActions* actions() const { return actions_; }
    TrainingPage* trainingPage() const { return trainingPage_; }
    // The File menu's messages, above whichever page is open.
    MessageBanner* fileBanner() const { return fileBanner_; }
    RunsPage* runsPage() const { return runsPage_; }
    ExperimentsPage* experimentsPage() const { return experimentsPage_; }
    ModelPage* modelPage() const { return modelPage_; }
    DataPage* dataPage() const { return dataPage_; }
    AnalysisPage* analysisPage() const { return analysisPage_; }
    RunCatalog* catalog() const { return catalog_; }
    CheckpointWorkflow* checkpoints() const { return checkpoints_; }
    QString dataSource() const { return dataSource_; }
    void setDataSource(const QString& source);
    void setRunsFolder(const QString& folder);
    void showPage(Page page);
    // The Experiments page's draft takes the network, the settings and the data shown now.
    void updateExperimentBase();
    Page currentPage() const;

    // Starts a run from the current model, data and settings; problems show on the page.
    void findLearningRate();
    void startTraining();
    // Continues a run from a checkpoint on the current data.
    void resumeTraining(const inception::SessionRequest& request);
    // Shows a run directory's plots and log, following it while it grows.
    void openRun(const QString& folder);
    // Shows an experiment folder on the Experiments page.
    void openExperiment(const QString& folder);
    // Loads the spec a run was trained with into the layer editor.
    void loadSpecOfRun(const QString& folder);
    // Asks where to, then writes the report of a run or experiment folder in the background.
    void exportReport(const QString& folder);
    // What File > Export Report... reports on: the experiment on the Experiments page, the run
    // selected on the Runs page, or the run shown; empty when none.
    QString reportSubject() const;
    ReportJob* reportJob() const { return reportJob_; }
    // Stops a run (saving its checkpoint) without asking, then closes the window.
    void stopAndClose();
    // Whether no usable data is configured and none was found (the first start).
    bool needsDataSource() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* createPageArea();
    void createMenus();
    void connectCheckpoints();
    void showMessage(MessageBanner::Kind kind, const QString& text);
    QString dataProblem() const;
    void connectController();
    void restoreSettings();
    void saveSettings() const;
    void updateStatus();
    void showOpenedRun();
    void chooseRunsFolder();
    void openRunWithDialog();
    void showAbout();

    TrainingController* controller_;
    TrainingActions* actions_;
    RunCatalog* catalog_;
    CheckpointWorkflow* checkpoints_;
    QListWidget* pageList_;
    QStackedWidget* pages_;
    MessageBanner* fileBanner_;
    ModelPage* modelPage_;
    DataPage* dataPage_;
    TrainingPage* trainingPage_;
    AnalysisPage* analysisPage_;
    RunsPage* runsPage_;
    ExperimentsPage* experimentsPage_;
    QLabel* stateLabel_;
    QLabel* dataLabel_;
    QString dataSource_;
    OpenedRun* opened_; // the run shown from its directory
    ReportJob* reportJob_;
    bool quitWhenStopped_ = false;
};

} // namespace inception::ui
