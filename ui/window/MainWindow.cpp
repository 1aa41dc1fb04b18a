#include "ui/window/MainWindow.hpp"

#include "core/base/InputError.hpp"
#include "core/training/Recipe.hpp"
#include "ui/analysis/AnalysisPage.hpp"
#include "ui/data/AugmentationPanel.hpp"
#include "ui/data/DataPage.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/data/DataSourceChooser.hpp"
#include "ui/experiments/ExperimentSession.hpp"
#include "ui/experiments/ExperimentsPage.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/model_editor/SpecDocument.hpp"
#include "ui/reports/ReportJob.hpp"
#include "ui/runs/RunCatalog.hpp"
#include "ui/runs/RunsPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/LearningRateDialog.hpp"
#include "ui/training/TrainingActions.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/CheckpointWorkflow.hpp"
#include "ui/window/OpenedRun.hpp"
#include "ui/window/WorkbenchSettings.hpp"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace inception::ui {

namespace {
const QString kTrainingLayout = QStringLiteral("training");
const QString kRunsLayout = QStringLiteral("runs");
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Inception Workbench"));
    controller_ = new TrainingController(this);
    actions_ = new TrainingActions(this);
    catalog_ = new RunCatalog(this);
    opened_ = new OpenedRun(catalog_, this);
    reportJob_ = new ReportJob(this);
    connect(reportJob_, &ReportJob::finished, this, [this](const QString& out) {
        showMessage(MessageBanner::Kind::Information, tr("Report written: %1").arg(out));
    });
    connect(reportJob_, &ReportJob::failed, this,
            [this](const QString& error) { showMessage(MessageBanner::Kind::Error, error); });
    checkpoints_ = new CheckpointWorkflow(controller_, this);

    modelPage_ = new ModelPage;
    dataPage_ = new DataPage;
    trainingPage_ = new TrainingPage(actions_);
    analysisPage_ = new AnalysisPage;
    runsPage_ = new RunsPage(catalog_);
    experimentsPage_ = new ExperimentsPage;

    setCentralWidget(createPageArea());

    stateLabel_ = new QLabel;
    dataLabel_ = new QLabel;
    statusBar()->addWidget(stateLabel_, 1);
    statusBar()->addPermanentWidget(dataLabel_);

    createMenus();
    connectController();

    connect(actions_, &TrainingActions::startTriggered, this, &MainWindow::startTraining);
    connect(actions_, &TrainingActions::pauseTriggered, controller_, &TrainingController::pause);
    connect(actions_, &TrainingActions::resumeTriggered, controller_, &TrainingController::resume);
    connect(actions_, &TrainingActions::stopTriggered, controller_, &TrainingController::stop);
    connect(dataPage_->chooser(), &DataSourceChooser::sourceChosen, this,
            &MainWindow::setDataSource);
    // The augmentation is shown on the Data page and travels with the training settings.
    connect(dataPage_->augmentation(), &AugmentationPanel::changed, trainingPage_->form(),
            &HyperparameterForm::setAugmentation);
    connect(trainingPage_->form(), &HyperparameterForm::changed, this, [this] {
        dataPage_->augmentation()->setAugmentation(trainingPage_->form()->config().augmentation);
    });
    connect(trainingPage_->form(), &HyperparameterForm::recipeApplied, this,
            [this](const QString& name) {
                modelPage_->applyRecipeStructure(name);
                const auto recipe = findRecipe(name.toStdString());
                showMessage(MessageBanner::Kind::Information,
                            tr("%1: its settings are in the form and its structure is on the "
                               "Model page (undo there to keep the old one)")
                                .arg(recipe ? QString::fromStdString(recipe->title) : name));
            });
    connect(trainingPage_, &TrainingPage::findLearningRateRequested, this,
            &MainWindow::findLearningRate);
    connect(runsPage_, &RunsPage::openRequested, this, &MainWindow::openRun);
    connect(experimentsPage_, &ExperimentsPage::openRunRequested, this, &MainWindow::openRun);
    // The Experiments page drafts from what the Model and Training pages hold when shown.
    connect(pages_, &QStackedWidget::currentChanged, this, [this](int page) {
        if (page == ExperimentsPageIndex)
            updateExperimentBase();
    });
    connect(modelPage_, &ModelPage::varyRequested, this,
            [this](const QString& key, const QString& values) {
                updateExperimentBase();
                experimentsPage_->vary(key, values);
                showPage(ExperimentsPageIndex);
            });
    connect(analysisPage_, &AnalysisPage::varyRequested, this,
            [this](const ModelSpec& spec, const QString& field, const QString& values) {
                modelPage_->loadSpec(spec, tr("Spec of the analysed run"));
                updateExperimentBase();
                experimentsPage_->vary(field, values);
                showPage(ExperimentsPageIndex);
            });
    // The Model page tints the widths an ablation found costly, while it holds that model.
    connect(analysisPage_, &AnalysisPage::shrinkCandidatesFound, this,
            [this](const ModelSpec& spec, const QHash<QString, QString>& findings) {
                modelPage_->markShrinkCandidates(spec, findings);
            });
    connect(runsPage_, &RunsPage::loadSpecRequested, this, &MainWindow::loadSpecOfRun);
    connect(runsPage_, &RunsPage::reportRequested, this, &MainWindow::exportReport);
    connect(modelPage_, &ModelPage::validityChanged, actions_, &TrainingActions::setStartBlocked);
    connect(runsPage_, &RunsPage::chooseRootRequested, this, &MainWindow::chooseRunsFolder);
    connect(opened_, &OpenedRun::changed, this, [this] {
        if (trainingPage_->shownRunFolder() == opened_->folder())
            showOpenedRun();
        else
            opened_->close(); // the pages moved on to another run
    });
    connect(opened_, &OpenedRun::failed, this, [this](const QString& message) {
        trainingPage_->banner()->show(MessageBanner::Kind::Error, message);
    });
    connectCheckpoints();

    restoreSettings();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Run..."),
                    QKeySequence::Open, this, &MainWindow::openRunWithDialog);
    file->addSeparator();
    file->addAction(checkpoints_->saveAction());
    file->addAction(checkpoints_->resumeAction());
    file->addAction(checkpoints_->exportAction());
    file->addAction(checkpoints_->importAction());
    file->addSeparator();
    file->addAction(tr("Runs &Folder..."), this, &MainWindow::chooseRunsFolder);
    file->addAction(tr("Choose &Data..."), this, [this] { showPage(DataPageIndex); });
    file->addAction(tr("&Try Images..."), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Try Images"), {},
            tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)"));
        if (files.isEmpty())
            return;
        showPage(AnalysisPageIndex);
        analysisPage_->tryImages(files);
    });
    file->addAction(tr("Export &Report..."), this, [this] {
        const QString subject = reportSubject();
        if (subject.isEmpty())
            showMessage(MessageBanner::Kind::Error,
                        tr("Export Report: open a run or an experiment, or select a run on the "
                           "Runs page, first"));
        else
            exportReport(subject);
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* training = menuBar()->addMenu(tr("&Training"));
    training->addAction(actions_->start());
    training->addAction(actions_->pause());
    training->addAction(actions_->stop());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < pageList_->count(); ++i) {
        QAction* page = view->addAction(pageList_->item(i)->text(), this,
                                        [this, i] { showPage(static_cast<Page>(i)); });
        page->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Inception Workbench"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* toolbar = addToolBar(tr("Training"));
    toolbar->setObjectName(QStringLiteral("trainingToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(actions_->start());
    toolbar->addAction(actions_->pause());
    toolbar->addAction(actions_->stop());
}

void MainWindow::connectController() {
    connect(controller_, &TrainingController::stateChanged, this,
            [this](TrainingController::State state) {
                actions_->setState(state);
                trainingPage_->setPaused(state == TrainingController::State::Paused);
                updateStatus();
            });
    connect(controller_, &TrainingController::runStarted, this,
            [this](const RunDescription& run, const QString& folder) {
                opened_->close();
                trainingPage_->runStarted(run, folder);
                std::vector<EpochSummary> earlier; // a resumed run has epochs already
                try {
                    earlier = readRun(folder.toStdString()).epochs;
                } catch (const InputError& e) {
                    trainingPage_->banner()->show(
                        MessageBanner::Kind::Error,
                        tr("The epochs before this resume cannot be shown: %1")
                            .arg(QString::fromStdString(e.oneLine())));
                }
                analysisPage_->showRun(folder, run.classNames, run.dataset, earlier, run.spec);
                runsPage_->setActiveRun(folder);
                catalog_->rescan();
                updateStatus();
            });
    // Live events go to the pages while they show the run training here.
    auto showsLiveRun = [this] {
        return trainingPage_->shownRunFolder() == controller_->runFolder();
    };
    connect(controller_, &TrainingController::batchesArrived, this,
            [this, showsLiveRun](const std::vector<BatchProgress>& batches) {
                if (showsLiveRun())
                    trainingPage_->appendBatches(batches);
            });
    connect(controller_, &TrainingController::logLinesArrived, this,
            [this, showsLiveRun](const QStringList& lines) {
                if (showsLiveRun())
                    trainingPage_->appendLog(lines);
            });
    connect(controller_, &TrainingController::epochFinished, this,
            [this, showsLiveRun](const EpochSummary& epoch) {
                if (!showsLiveRun())
                    return;
                trainingPage_->appendEpoch(epoch);
                analysisPage_->addEpoch(epoch);
            });
    connect(controller_, &TrainingController::runEnded, this,
            [this, showsLiveRun](const RunOutcome& outcome, const QString& folder) {
                if (showsLiveRun())
                    trainingPage_->runEnded(outcome, folder);
                runsPage_->setActiveRun(QString());
                catalog_->poll();
                statusBar()->showMessage(tr("Run %1: %2")
                                             .arg(QFileInfo(folder).fileName(),
                                                  QString::fromStdString(toString(outcome.status))),
                                         10000);
                if (quitWhenStopped_)
                    close();
            });
    connect(controller_, &TrainingController::failedToStart, this, [this](const QString& message) {
        trainingPage_->banner()->show(MessageBanner::Kind::Error,
                                      tr("Could not start the run: %1").arg(message));
        quitWhenStopped_ = false;
    });
}

void MainWindow::connectCheckpoints() {
    checkpoints_->setContextProvider([this] {
        CheckpointContext context;
        context.runFolder = trainingPage_->shownRunFolder();
        context.dataSource = dataSource_;
        context.runsFolder = catalog_->root();
        context.editorSpec = modelPage_->spec();
        context.config = trainingPage_->form()->config();
        return context;
    });
    connect(checkpoints_, &CheckpointWorkflow::startRequested, this, &MainWindow::resumeTraining);
    connect(checkpoints_, &CheckpointWorkflow::runImported, this, [this](const QString& folder) {
        catalog_->rescan();
        openRun(folder);
        showPage(AnalysisPageIndex);
    });
    connect(checkpoints_, &CheckpointWorkflow::message, this, &MainWindow::showMessage);
    connect(runsPage_, &RunsPage::resumeRequested, checkpoints_, &CheckpointWorkflow::resumeFrom);
    connect(runsPage_, &RunsPage::exportRequested, checkpoints_,
            &CheckpointWorkflow::exportWithDialog);
    connect(runsPage_, &RunsPage::saveCopyRequested, checkpoints_,
            &CheckpointWorkflow::saveCopyWithDialog);
}

// The page list on the left, the File menu's banner above the page stack.
QWidget* MainWindow::createPageArea() {
    pages_ = new QStackedWidget;
    pageList_ = new QListWidget;
    pageList_->setObjectName(QStringLiteral("pageList"));
    const std::pair<QString, QStyle::StandardPixmap> entries[] = {
        {tr("Model"), QStyle::SP_FileDialogDetailedView},
        {tr("Data"), QStyle::SP_DriveHDIcon},
        {tr("Training"), QStyle::SP_MediaPlay},
        {tr("Analysis"), QStyle::SP_FileDialogContentsView},
        {tr("Runs"), QStyle::SP_DirIcon},
        {tr("Experiments"), QStyle::SP_FileDialogListView}};
    for (QWidget* page :
         {static_cast<QWidget*>(modelPage_), static_cast<QWidget*>(dataPage_),
          static_cast<QWidget*>(trainingPage_), static_cast<QWidget*>(analysisPage_),
          static_cast<QWidget*>(runsPage_), static_cast<QWidget*>(experimentsPage_)})
        pages_->addWidget(page);
    for (const auto& [name, icon] : entries)
        new QListWidgetItem(style()->standardIcon(icon), name, pageList_);
    pageList_->setFixedWidth(120);
    pageList_->setIconSize(QSize(20, 20));
    pageList_->setSpacing(2);
    connect(pageList_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);

    // The File menu's messages (checkpoints, export, import) show above whichever page is open.
    fileBanner_ = new MessageBanner;
    auto* pageColumn = new QVBoxLayout;
    pageColumn->setContentsMargins(0, 0, 0, 0);
    pageColumn->addWidget(fileBanner_);
    pageColumn->addWidget(pages_, 1);
    auto* central = new QWidget;
    auto* row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(pageList_);
    row->addLayout(pageColumn, 1);
    return central;
}

void MainWindow::showMessage(MessageBanner::Kind kind, const QString& text) {
    statusBar()->showMessage(text, kind == MessageBanner::Kind::Error ? 0 : 15000);
    if (kind == MessageBanner::Kind::Error)
        fileBanner_->show(kind, text);
    else
        fileBanner_->hide(); // an error that a later success answers
}

QString MainWindow::dataProblem() const {
    return dataSource_.isEmpty() ? tr("no data chosen: pick it on the Data page")
                                 : checkDataSource(dataSource_);
}

void MainWindow::resumeTraining(const SessionRequest& request) {
    if (controller_->isActive())
        return;
    showPage(TrainingPageIndex);
    if (const QString problem = dataProblem(); !problem.isEmpty()) {
        trainingPage_->banner()->show(MessageBanner::Kind::Error,
                                      tr("Could not resume: %1").arg(problem));
        return;
    }
    trainingPage_->banner()->hide();
    controller_->start(request);
}

void MainWindow::findLearningRate() {
    QString problem = dataProblem();
    if (problem.isEmpty() && !modelPage_->isValid())
        problem = tr("the model spec is invalid: %1").arg(modelPage_->invalidReason());
    if (!problem.isEmpty()) {
        trainingPage_->banner()->show(MessageBanner::Kind::Error,
                                      tr("Cannot find a learning rate: %1").arg(problem));
        return;
    }
    auto* dialog = new LearningRateDialog(modelPage_->spec(), trainingPage_->form()->config(),
                                          dataSource_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LearningRateDialog::rateChosen, trainingPage_->form(),
            &HyperparameterForm::setLearningRate);
    dialog->show();
}

void MainWindow::startTraining() {
    if (controller_->isActive())
        return;
    showPage(TrainingPageIndex);
    const TrainingConfig config = trainingPage_->form()->config();
    QString problem = dataProblem();
    if (problem.isEmpty() && !modelPage_->isValid())
        problem = tr("the model spec is invalid: %1").arg(modelPage_->invalidReason());
    if (problem.isEmpty()) {
        try {
            requireValid(config);
        } catch (const InputError& e) {
            problem = QString::fromStdString(e.oneLine());
        }
    }
    if (!problem.isEmpty()) {
        trainingPage_->banner()->show(MessageBanner::Kind::Error,
                                      tr("Could not start the run: %1").arg(problem));
        return;
    }
    SessionRequest request;
    request.dataSpec = dataSource_.toStdString();
    request.runsFolder = catalog_->root().toStdString();
    request.name = trainingPage_->runName().toStdString();
    request.spec = modelPage_->spec();
    // The editor shapes the network; its input size, channels and classes follow the data.
    request.fitSpecToData = true;
    request.config = config;
    saveSettings();
    trainingPage_->banner()->hide();
    controller_->start(request);
}

void MainWindow::loadSpecOfRun(const QString& folder) {
    const RunRecord* run = catalog_->record(catalog_->indexOf(folder));
    if (!run) {
        runsPage_->banner()->show(MessageBanner::Kind::Error,
                                  tr("%1: the run cannot be read").arg(folder));
        return;
    }
    modelPage_->loadSpec(run->spec, tr("Spec of run %1").arg(QString::fromStdString(run->name)));
    showPage(ModelPageIndex);
}

QString MainWindow::reportSubject() const {
    if (currentPage() == ExperimentsPageIndex)
        return experimentsPage_->session()->folder();
    if (currentPage() == RunsPageIndex) {
        const QStringList selected = runsPage_->selectedFolders();
        return selected.size() == 1 ? selected.first() : QString();
    }
    return trainingPage_->shownRunFolder();
}

void MainWindow::exportReport(const QString& folder) {
    const QString suggested =
        QDir(QDir::homePath()).filePath(QFileInfo(folder).fileName() + QStringLiteral(".pdf"));
    QString chosenFilter;
    QString out = QFileDialog::getSaveFileName(this, tr("Export Report"), suggested,
                                               tr("PDF (*.pdf);;HTML, images embedded (*.html)"),
                                               &chosenFilter);
    if (out.isEmpty())
        return;
    if (QFileInfo(out).suffix().isEmpty())
        out += chosenFilter.startsWith(QStringLiteral("HTML")) ? QStringLiteral(".html")
                                                               : QStringLiteral(".pdf");
    if (reportJob_->start(folder, out))
        statusBar()->showMessage(
            tr("Writing the report of %1...").arg(QFileInfo(folder).fileName()));
}

void MainWindow::openRun(const QString& folder) {
    try {
        opened_->open(folder);
    } catch (const InputError& e) {
        showPage(RunsPageIndex);
        runsPage_->banner()->show(MessageBanner::Kind::Error, QString::fromStdString(e.oneLine()));
        return;
    }
    showOpenedRun();
    // The run training here is fed by the controller's events from now on; others are
    // followed from their directory.
    const bool live =
        controller_->isActive() && QFileInfo(folder).canonicalFilePath() ==
                                       QFileInfo(controller_->runFolder()).canonicalFilePath();
    if (live) {
        trainingPage_->adoptLiveRun(controller_->runFolder());
        opened_->close();
    }
    showPage(TrainingPageIndex);
}

void MainWindow::showOpenedRun() {
    const RunRecord& run = opened_->record();
    checkpoints_->updateActions();
    trainingPage_->showRun(run);
    analysisPage_->showRun(QString::fromStdString(run.path), run.classNames, run.dataset,
                           run.epochs, run.spec);
}

void MainWindow::setDataSource(const QString& source) {
    dataSource_ = source;
    dataPage_->showSource(source);
    WorkbenchSettings().setDataSource(source);
    updateStatus();
}

void MainWindow::setRunsFolder(const QString& folder) {
    catalog_->setRoot(folder);
    WorkbenchSettings().setRunsFolder(catalog_->root());
}

bool MainWindow::needsDataSource() const {
    return dataSource_.isEmpty() || !checkDataSource(dataSource_).isEmpty();
}

void MainWindow::openExperiment(const QString& folder) {
    experimentsPage_->openExperiment(folder);
    showPage(ExperimentsPageIndex);
}

void MainWindow::updateExperimentBase() {
    experimentsPage_->setExperimentsFolder(
        QDir::cleanPath(QDir(catalog_->root()).absoluteFilePath(QStringLiteral("../experiments"))));
    experimentsPage_->setBase(modelPage_->spec(), trainingPage_->form()->config(), dataSource_);
}

void MainWindow::showPage(Page page) {
    pageList_->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const {
    return static_cast<Page>(pages_->currentIndex());
}

void MainWindow::chooseRunsFolder() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Runs Folder"), catalog_->root());
    if (!folder.isEmpty())
        setRunsFolder(folder);
}

void MainWindow::openRunWithDialog() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open Run Directory"), catalog_->root());
    if (!folder.isEmpty())
        openRun(folder);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Inception Workbench"),
        tr("<h3>Inception Workbench %1</h3>"
           "<p>Train GoogLeNet-style (Inception v1) classifiers on CIFAR-10 and see what they "
           "get wrong.</p><p>Built with Qt %2, LibTorch and QCustomPlot.</p>")
            .arg(QStringLiteral(INCEPTION_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::updateStatus() {
    static const QMap<TrainingController::State, QString> names{
        {TrainingController::State::Idle, tr("Ready")},
        {TrainingController::State::Starting, tr("Loading data and building the model...")},
        {TrainingController::State::Running, tr("Training")},
        {TrainingController::State::Paused, tr("Paused")},
        {TrainingController::State::Stopping, tr("Stopping after this batch...")}};
    QString text = names.value(controller_->state());
    if (controller_->isActive() && !controller_->runFolder().isEmpty())
        text += QStringLiteral(" · ") + controller_->runFolder();
    stateLabel_->setText(text);
    dataLabel_->setText(dataSource_.isEmpty() ? tr("No data chosen")
                                              : describeDataSource(dataSource_));
}

void MainWindow::restoreSettings() {
    WorkbenchSettings settings;
    if (!restoreGeometry(settings.layout(QStringLiteral("geometry"))))
        resize(1400, 900);
    restoreState(settings.layout(QStringLiteral("state")));
    trainingPage_->restoreLayout(settings.layout(kTrainingLayout));
    runsPage_->restoreLayout(settings.layout(kRunsLayout));
    const auto config = settings.trainingConfig();
    trainingPage_->form()->setConfig(config.value);
    if (!config.problem.isEmpty())
        trainingPage_->banner()->show(MessageBanner::Kind::Error,
                                      tr("The notebook's recipe is shown instead of the saved "
                                         "settings: %1")
                                          .arg(config.problem));
    trainingPage_->setRunName(settings.runName());
    const auto spec = settings.modelSpec();
    modelPage_->setSpec(spec.value);
    if (!spec.problem.isEmpty())
        modelPage_->banner()->show(
            MessageBanner::Kind::Error,
            tr("The seed model is shown instead of the saved spec: %1").arg(spec.problem));
    modelPage_->document()->undoStack()->clear(); // the restored spec is where undo starts
    dataSource_ = settings.dataSource();
    dataPage_->augmentation()->setAugmentation(trainingPage_->form()->config().augmentation);
    dataPage_->showSource(dataSource_);
    catalog_->setRoot(settings.runsFolder());
    showPage(static_cast<Page>(std::clamp(settings.page(), 0, pages_->count() - 1)));
}

void MainWindow::saveSettings() const {
    WorkbenchSettings settings;
    settings.setLayout(QStringLiteral("geometry"), saveGeometry());
    settings.setLayout(QStringLiteral("state"), saveState());
    settings.setLayout(kTrainingLayout, trainingPage_->saveLayout());
    settings.setLayout(kRunsLayout, runsPage_->saveLayout());
    settings.setTrainingConfig(trainingPage_->form()->config());
    settings.setRunName(trainingPage_->runName());
    settings.setModelSpec(modelPage_->spec());
    settings.setDataSource(dataSource_);
    settings.setRunsFolder(catalog_->root());
    settings.setPage(currentPage());
}

void MainWindow::stopAndClose() {
    quitWhenStopped_ = true;
    controller_->stop();
    close();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (controller_->isActive()) {
        if (!quitWhenStopped_) {
            const auto answer = QMessageBox::question(
                this, tr("Quit"),
                tr("A run is training. Stop it (a checkpoint is saved, so it can be resumed) "
                   "and quit?"),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer != QMessageBox::Yes) {
                event->ignore();
                return;
            }
            quitWhenStopped_ = true;
            controller_->stop();
        }
        event->ignore(); // closes when the run has ended
        return;
    }
    saveSettings();
    event->accept();
}

} // namespace inception::ui
