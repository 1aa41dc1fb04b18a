#include "ui/training/TrainingPage.hpp"

#include "core/training/TimeToAccuracy.hpp"
#include "core/training/TrainingLog.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/ProgressPanel.hpp"
#include "ui/training/TrainingActions.hpp"
#include "ui/training/TrainingPlots.hpp"

#include <QDataStream>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace inception::ui {

namespace {

constexpr int kLogLines = 20000; // the log panel keeps the last lines only

QToolButton* buttonFor(QAction* action, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}

QString outcomeText(const RunOutcome& outcome) {
    switch (outcome.status) {
    case RunStatus::Finished:
        return TrainingPage::tr("Finished: %1 epochs").arg(outcome.epochsCompleted);
    case RunStatus::Stopped:
    case RunStatus::Pruned:
        return TrainingPage::tr("Stopped after %1 epochs; checkpoint saved")
            .arg(outcome.epochsCompleted);
    case RunStatus::Failed:
        return outcome.cause == FailureCause::Diverged ? TrainingPage::tr("Diverged")
                                                       : TrainingPage::tr("Failed");
    case RunStatus::Running:
        break;
    }
    return {};
}

// "fast recipe · bfloat16 (auto: ... has avx512_bf16) · 90% at epoch 14 after 12.0 min"
QString setupLine(const RunSetup& run, const std::string& cpu,
                  const std::optional<TargetReached>& reached) {
    QStringList parts;
    if (!run.config.recipe.empty())
        parts << TrainingPage::tr("%1 recipe").arg(QString::fromStdString(run.config.recipe));
    parts << TrainingPage::tr("%1 (%2)").arg(
        QString::fromStdString(toString(run.precision.precision)),
        QString::fromStdString(run.precision.reason).toHtmlEscaped());
    if (!cpu.empty())
        parts << QString::fromStdString(cpu).toHtmlEscaped();
    const double target = run.config.targetAccuracy;
    if (target > 0.0)
        parts << (reached ? TrainingPage::tr("%1% reached at epoch %2 after %3 min")
                                .arg(100 * target, 0, 'f', 0)
                                .arg(reached->epoch)
                                .arg(reached->seconds / 60.0, 0, 'f', 1)
                          : TrainingPage::tr("target %1%").arg(100 * target, 0, 'f', 0));
    return QStringLiteral("<small>%1</small>").arg(parts.join(QStringLiteral(" · ")));
}

} // namespace

TrainingPage::TrainingPage(TrainingActions* actions, QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("trainingPage"));

    // Left: what the next run will be.
    form_ = new HyperparameterForm;
    runName_ = new QLineEdit;
    runName_->setObjectName(QStringLiteral("runName"));
    runName_->setPlaceholderText(tr("named after the model"));
    runName_->setClearButtonEnabled(true);
    auto* settings = new QGroupBox(tr("Next run"));
    auto* settingsLayout = new QVBoxLayout(settings);
    auto* nameRow = new QFormLayout;
    nameRow->addRow(tr("&Name:"), runName_);
    settingsLayout->addLayout(nameRow);
    settingsLayout->addWidget(form_);
    auto* findRate = new QPushButton(tr("Find &Learning Rate..."));
    findRate->setObjectName(QStringLiteral("findLearningRate"));
    findRate->setToolTip(tr("Train a fresh model for 100 batches while the rate grows from "
                            "1e-5 to 10, plot the loss, and suggest a rate"));
    connect(findRate, &QPushButton::clicked, this, &TrainingPage::findLearningRateRequested);
    settingsLayout->addWidget(findRate);
    settingsLayout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(settings->sizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width());
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(buttonFor(actions->start(), this));
    buttons->addWidget(buttonFor(actions->pause(), this));
    buttons->addWidget(buttonFor(actions->stop(), this));
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addLayout(buttons);

    // Right: the run being shown.
    banner_ = new MessageBanner;
    heading_ = new QLabel(tr("No run yet: press Start (F5), or open a run on the Runs page."));
    heading_->setObjectName(QStringLiteral("runHeading"));
    heading_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_ = new ProgressPanel;
    plots_ = new TrainingPlots;
    log_ = new QPlainTextEdit;
    log_->setObjectName(QStringLiteral("log"));
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(kLogLines);
    log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    log_->setLineWrapMode(QPlainTextEdit::NoWrap);
    log_->setPlaceholderText(tr("The run's log: one line every 50 batches and per epoch."));

    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(banner_);
    topLayout->addWidget(heading_);
    topLayout->addWidget(progress_);
    topLayout->addWidget(plots_, 1);
    rightSplitter_ = new QSplitter(Qt::Vertical);
    rightSplitter_->addWidget(top);
    rightSplitter_->addWidget(log_);
    rightSplitter_->setStretchFactor(0, 4);
    rightSplitter_->setStretchFactor(1, 1);
    rightSplitter_->setChildrenCollapsible(false);

    splitter_ = new QSplitter(Qt::Horizontal, this);
    splitter_->addWidget(left);
    splitter_->addWidget(rightSplitter_);
    splitter_->setStretchFactor(1, 1);
    splitter_->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter_);
}

QString TrainingPage::runName() const {
    return runName_->text().trimmed();
}

void TrainingPage::setRunName(const QString& name) {
    runName_->setText(name);
}

void TrainingPage::runStarted(const RunDescription& run, const QString& folder) {
    shownFolder_ = folder;
    shownLogSize_ = -1;
    banner_->hide();
    heading_->setText(tr("<b>%1</b> · %2 on %3 · %4")
                          .arg(QFileInfo(folder).fileName().toHtmlEscaped(),
                               QString::fromStdString(run.spec.name).toHtmlEscaped(),
                               QString::fromStdString(run.dataset.kind),
                               QString(folder).toHtmlEscaped()));
    heading_->setText(heading_->text() + QStringLiteral("<br>") + setupLine(run, run.cpu, {}));
    progress_->runStarted(run);
    if (run.startEpoch == 1 && run.startBatch == 0)
        plots_->clear();
    plots_->setTarget(run.config.targetAccuracy);
    log_->clear();
}

void TrainingPage::appendBatches(const std::vector<BatchProgress>& batches) {
    plots_->appendBatches(batches);
    progress_->batchesArrived(batches);
}

void TrainingPage::appendEpoch(const EpochSummary& epoch) {
    plots_->appendEpoch(epoch);
}

void TrainingPage::appendLog(const QStringList& lines) {
    for (const QString& line : lines)
        log_->appendPlainText(line);
}

void TrainingPage::runEnded(const RunOutcome& outcome, const QString& folder) {
    progress_->runEnded(outcomeText(outcome));
    if (outcome.status == RunStatus::Failed)
        banner_->show(
            MessageBanner::Kind::Error,
            tr("The run in %1 failed: %2").arg(folder, QString::fromStdString(outcome.message)));
}

void TrainingPage::setPaused(bool paused) {
    progress_->setPaused(paused);
}

void TrainingPage::showRun(const RunRecord& run) {
    const bool sameRun = shownFolder_ == QString::fromStdString(run.path);
    shownFolder_ = QString::fromStdString(run.path);
    const QString epochs =
        run.startsFromImportedWeights() && run.trainedEpochs() == 0
            ? tr("imported weights, not trained here")
            : tr("%1 of %2 epochs").arg(run.trainedEpochs()).arg(run.config.epochs);
    heading_->setText(tr("<b>%1</b> · %2 · %3 · %4")
                          .arg(QString::fromStdString(run.name).toHtmlEscaped(),
                               QString::fromStdString(toString(run.status)), epochs,
                               QString::fromStdString(run.path).toHtmlEscaped()));
    heading_->setText(heading_->text() + QStringLiteral("<br>") +
                      setupLine(run, run.cpu, firstReached(run.epochs, run.config.targetAccuracy)));
    plots_->showRun(run);
    progress_->showRun(run);
    if (!sameRun) {
        shownLogSize_ = -1;
        banner_->hide();
    }
    // log.txt is small (a line per 50 batches and per epoch): read again when it grew.
    QFile logFile(shownFolder_ + QStringLiteral("/") + QString::fromLatin1(runfiles::kLog));
    if (logFile.size() != shownLogSize_ && logFile.open(QIODevice::ReadOnly | QIODevice::Text)) {
        shownLogSize_ = logFile.size();
        log_->setPlainText(QString::fromUtf8(logFile.readAll()));
        log_->verticalScrollBar()->setValue(log_->verticalScrollBar()->maximum());
    }
    if (run.status == RunStatus::Failed && !run.message.empty())
        banner_->show(MessageBanner::Kind::Error,
                      QString::fromStdString(run.path + ": " + run.message));
}

QByteArray TrainingPage::saveLayout() const {
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << splitter_->saveState() << rightSplitter_->saveState();
    return state;
}

void TrainingPage::restoreLayout(const QByteArray& state) {
    QDataStream in(state);
    QByteArray outer, inner;
    in >> outer >> inner;
    if (in.status() != QDataStream::Ok)
        return;
    splitter_->restoreState(outer);
    rightSplitter_->restoreState(inner);
}

} // namespace inception::ui
