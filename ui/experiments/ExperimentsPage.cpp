#include "ui/experiments/ExperimentsPage.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/experiments/ExperimentRunner.hpp"
#include "ui/common/MessageBanner.hpp"
#include "ui/experiments/ExperimentDraftPanel.hpp"
#include "ui/experiments/ExperimentPlots.hpp"
#include "ui/experiments/ExperimentSession.hpp"
#include "ui/experiments/TrialTableModel.hpp"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace inception::ui {

using inception::TrialState;

ExperimentsPage::ExperimentsPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("experimentsPage"));
    session_ = new ExperimentSession(this);
    auto* layout = new QVBoxLayout(this);
    banner_ = new MessageBanner;
    layout->addWidget(banner_);

    auto* bar = new QHBoxLayout;
    heading_ = new QLabel(tr("<b>No experiment open</b>"));
    heading_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* open = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open..."));
    start_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"));
    start_->setObjectName(QStringLiteral("startExperiment"));
    pause_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    stop_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
    bar->addWidget(heading_, 1);
    bar->addWidget(open);
    bar->addWidget(start_);
    bar->addWidget(pause_);
    bar->addWidget(stop_);
    layout->addLayout(bar);
    progress_ = new QLabel;
    progress_->setObjectName(QStringLiteral("experimentProgress"));
    layout->addWidget(progress_);

    draftBox_ = new QGroupBox(tr("New experiment from the Model page's network and the "
                                 "Training page's settings"));
    draftBox_->setCheckable(true);
    auto* draftLayout = new QVBoxLayout(draftBox_);
    draft_ = new ExperimentDraftPanel;
    draftLayout->addWidget(draft_);
    connect(draftBox_, &QGroupBox::toggled, this, [this](bool on) {
        draft_->setVisible(on);
        draftBox_->setFlat(!on); // no empty frame while folded
    });
    layout->addWidget(draftBox_);

    model_ = new TrialTableModel(this);
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(TrialTableModel::kSortRole);
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("trialTable"));
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(0, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(tr("Double-click a trial to open its run"));
    plots_ = new ExperimentPlots;
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(table_);
    split->addWidget(plots_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(open, &QPushButton::clicked, this, &ExperimentsPage::openWithDialog);
    connect(start_, &QPushButton::clicked, session_, &ExperimentSession::start);
    connect(pause_, &QPushButton::clicked, this, [this] {
        if (session_->isPaused())
            session_->resume();
        else
            session_->pause();
        updateButtons();
    });
    connect(stop_, &QPushButton::clicked, session_, &ExperimentSession::stop);
    connect(draft_, &ExperimentDraftPanel::startRequested, this,
            &ExperimentsPage::createExperiment);
    connect(session_, &ExperimentSession::statusChanged, this, &ExperimentsPage::showStatus);
    connect(session_, &ExperimentSession::runningChanged, this, &ExperimentsPage::updateButtons);
    connect(session_, &ExperimentSession::failed, this,
            [this](const QString& message) { banner_->show(MessageBanner::Kind::Error, message); });
    connect(session_, &ExperimentSession::trialStarted, this,
            [this](int trial, const QString& label) {
                banner_->show(MessageBanner::Kind::Information,
                              tr("Training trial %1: %2").arg(trial).arg(label));
            });
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString folder = index.data(TrialTableModel::kFolderRole).toString();
        if (QFileInfo::exists(folder + QStringLiteral("/run.json")))
            emit openRunRequested(folder);
    });
    connect(plots_, &ExperimentPlots::trialActivated, this, &ExperimentsPage::openRunRequested);
    updateButtons();
}

ExperimentsPage::~ExperimentsPage() = default;

void ExperimentsPage::setExperimentsFolder(const QString& folder) {
    experimentsFolder_ = folder;
}

void ExperimentsPage::setBase(const inception::ModelSpec& spec,
                              const inception::TrainingConfig& config, const QString& dataSpec) {
    draft_->setBase(spec, config, dataSpec);
}

void ExperimentsPage::vary(const QString& key, const QString& values) {
    draftBox_->setChecked(true);
    draft_->setVaried(key, values);
}

void ExperimentsPage::openExperiment(const QString& folder) {
    banner_->hide();
    session_->open(folder);
    heading_->setText(tr("<b>%1</b>").arg(QDir::toNativeSeparators(folder).toHtmlEscaped()));
    draftBox_->setChecked(false);
    updateButtons();
}

void ExperimentsPage::openWithDialog() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open Experiment Folder"), experimentsFolder_);
    if (!folder.isEmpty())
        openExperiment(folder);
}

void ExperimentsPage::createExperiment() {
    if (session_->isRunning()) {
        banner_->show(MessageBanner::Kind::Error,
                      tr("An experiment is running: stop it before starting another"));
        return;
    }
    const std::string text = draft_->fileText();
    if (text.empty())
        return;
    const QString root = experimentsFolder_.isEmpty() ? QDir::currentPath() : experimentsFolder_;
    const QString file = root + "/" + draft_->name() + ".json";
    const QString folder = root + "/" + draft_->name();
    try {
        if (QFileInfo::exists(folder))
            throw inception::InputError(folder.toStdString(),
                                        "exists already: give the experiment another name");
        QDir().mkpath(root);
        inception::writeFileAtomically(file.toStdString(), text);
        inception::prepareExperimentFolder(file.toStdString(), folder.toStdString());
    } catch (const inception::InputError& e) {
        banner_->show(MessageBanner::Kind::Error, QString::fromStdString(e.oneLine()));
        return;
    }
    openExperiment(folder);
    session_->start();
}

void ExperimentsPage::showStatus(std::shared_ptr<const inception::ExperimentStatus> status) {
    const auto& s = *status;
    progress_->setText(tr("%1 trials: %2 finished, %3 running, %4 pruned, %5 failed, %6 to go · "
                          "Pareto front: %7")
                           .arg(s.trials.size())
                           .arg(s.count(TrialState::Finished))
                           .arg(s.count(TrialState::Running))
                           .arg(s.count(TrialState::Pruned))
                           .arg(s.count(TrialState::Failed))
                           .arg(s.count(TrialState::Pending) + s.count(TrialState::Waiting) +
                                s.count(TrialState::Stopped))
                           .arg(s.pareto.empty() ? tr("none yet") : [&] {
                               QStringList ids;
                               for (const int id : s.pareto)
                                   ids << QString::number(id);
                               return tr("trials %1").arg(ids.join(", "));
                           }()));
    model_->setStatus(status);
    plots_->setStatus(status);
    updateButtons();
}

void ExperimentsPage::updateButtons() {
    const bool open = !session_->folder().isEmpty();
    const bool running = session_->isRunning();
    const auto* status = model_->status();
    const bool complete = status && status->complete();
    start_->setEnabled(open && !running && !complete);
    const bool started = status && std::any_of(status->trials.begin(), status->trials.end(),
                                               [](const auto& t) { return t.epochsDone > 0; });
    start_->setText(started ? tr("Continue") : tr("Start"));
    pause_->setEnabled(running);
    pause_->setText(session_->isPaused() ? tr("Resume") : tr("Pause"));
    stop_->setEnabled(running);
}

} // namespace inception::ui
