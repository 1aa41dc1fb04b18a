#include "ui/window/CheckpointWorkflow.hpp"

#include "core/runs/RunDirectory.hpp"
#include "core/session/WeightsImport.hpp"
#include "ui/common/FileJob.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/dialogs/ExportDialog.hpp"
#include "ui/dialogs/ImportWeightsDialog.hpp"
#include "ui/training/TrainingController.hpp"
#include "ui/window/WorkbenchSettings.hpp"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace inception::ui {

namespace {

QString checkpointIn(const QString& runFolder, RunCheckpoint which) {
    return runFolder.isEmpty()
               ? QString()
               : QString::fromStdString(runCheckpoint(runFolder.toStdString(), which));
}

QString percent(double accuracy) {
    return QString::number(100.0 * accuracy, 'f', 2) + '%';
}

} // namespace

CheckpointWorkflow::CheckpointWorkflow(TrainingController* controller, QWidget* dialogParent)
    : QObject(dialogParent), controller_(controller), dialogParent_(dialogParent),
      job_(new FileJob(this)) {
    save_ = new QAction(tr("&Save Checkpoint..."), this);
    save_->setShortcut(QKeySequence::Save);
    save_->setToolTip(tr("A checkpoint of the run training now (taken at its next batch), or a "
                         "copy of the shown run's last checkpoint"));
    connect(save_, &QAction::triggered, this, &CheckpointWorkflow::chooseSaveDestination);
    resume_ = new QAction(tr("&Resume from Checkpoint..."), this);
    resume_->setToolTip(tr("Continue training from a checkpoint file, up to the Training page's "
                           "number of epochs"));
    connect(resume_, &QAction::triggered, this, &CheckpointWorkflow::chooseCheckpointToResume);
    export_ = new QAction(tr("&Export..."), this);
    export_->setShortcut(QKeySequence(tr("Ctrl+E")));
    export_->setToolTip(tr("Write a checkpoint's weights for PyTorch, ONNX or LibTorch"));
    connect(export_, &QAction::triggered, this, [this] { exportWithDialog(); });
    import_ = new QAction(tr("&Import Weights..."), this);
    import_->setShortcut(QKeySequence(tr("Ctrl+I")));
    import_->setToolTip(tr("Bring in a PyTorch state_dict and browse its errors"));
    connect(import_, &QAction::triggered, this, &CheckpointWorkflow::importWithDialog);

    connect(job_, &FileJob::busyChanged, this, &CheckpointWorkflow::updateActions);
    connect(controller_, &TrainingController::stateChanged, this,
            &CheckpointWorkflow::updateActions);
    connect(controller_, &TrainingController::checkpointSaved, this, [this](const QString& path) {
        if (path != pendingSave_)
            return; // the run's own last.ckpt and best.ckpt
        pendingSave_.clear();
        emit message(MessageBanner::Kind::Information, tr("Checkpoint saved to %1").arg(path));
    });
    connect(controller_, &TrainingController::checkpointFailed, this,
            [this](const QString&, const QString& why) {
                pendingSave_.clear();
                emit message(MessageBanner::Kind::Error,
                             tr("Could not save the checkpoint: %1").arg(why));
            });
}

void CheckpointWorkflow::setContextProvider(std::function<CheckpointContext()> provider) {
    context_ = std::move(provider);
    updateActions();
}

void CheckpointWorkflow::updateActions() {
    const bool training = controller_->isActive();
    const bool busy = job_->isBusy();
    save_->setEnabled(!busy && (training || !lastCheckpointOfShownRun().isEmpty()));
    resume_->setEnabled(!busy && !training);
    export_->setEnabled(!busy);
    import_->setEnabled(!busy);
}

CheckpointContext CheckpointWorkflow::currentContext() const {
    return context_ ? context_() : CheckpointContext{};
}

QString CheckpointWorkflow::lastCheckpointOfShownRun() const {
    const QString last = checkpointIn(currentContext().runFolder, RunCheckpoint::Last);
    return QFileInfo::exists(last) ? last : QString();
}

QString CheckpointWorkflow::suggestedFolder() const {
    return WorkbenchSettings().fileFolder();
}

void CheckpointWorkflow::remember(const QString& path) {
    WorkbenchSettings().setFileFolder(QFileInfo(path).absolutePath());
}

void CheckpointWorkflow::saveCheckpointTo(const QString& path) {
    if (controller_->isActive()) {
        if (controller_->saveCheckpoint(path)) {
            pendingSave_ = path;
            emit message(MessageBanner::Kind::Information,
                         tr("Saving a checkpoint at the next batch to %1...").arg(path));
        }
        return;
    }
    const QString last = lastCheckpointOfShownRun();
    if (last.isEmpty()) {
        emit message(MessageBanner::Kind::Error,
                     tr("No checkpoint to save: start a run or open one on the Runs page"));
        return;
    }
    copyCheckpoint(last, path);
}

void CheckpointWorkflow::copyCheckpoint(const QString& checkpoint, const QString& path) {
    job_->start(
        [from = checkpoint.toStdString(), to = path.toStdString(), path]() -> FileJobResult {
            inception::copyCheckpoint(from, to);
            return {true, tr("Checkpoint saved to %1").arg(path), path};
        },
        [this](const FileJobResult& r) {
            emit message(r.ok ? MessageBanner::Kind::Information : MessageBanner::Kind::Error,
                         r.message);
        });
}

void CheckpointWorkflow::resumeFrom(const QString& checkpoint) {
    const CheckpointContext context = currentContext();
    SessionRequest request;
    request.dataSpec = context.dataSource.toStdString();
    request.runsFolder = context.runsFolder.toStdString();
    request.resumeCheckpoint = checkpoint.toStdString();
    // The Training page's epoch count is the new total: a finished run trains on when it is
    // raised, a stopped one continues to it.
    request.resumeEpochs = context.config.epochs;
    emit startRequested(request);
}

void CheckpointWorkflow::exportCheckpoint(const QString& checkpoint, ExportFormat format,
                                          const QString& destination) {
    job_->start(
        [from = checkpoint.toStdString(), to = destination.toStdString(), format]() {
            const ExportResult result = inception::exportCheckpoint(from, format, to);
            QString text = tr("Exported %1 to %2 (sidecar %3)")
                               .arg(QString::fromStdString(describe(format)),
                                    QString::fromStdString(result.file),
                                    QFileInfo(QString::fromStdString(result.sidecar)).fileName());
            if (result.testAccuracy >= 0)
                text += tr("; test accuracy %1").arg(percent(result.testAccuracy));
            return FileJobResult{true, text, QString::fromStdString(result.file)};
        },
        [this](const FileJobResult& r) {
            emit message(r.ok ? MessageBanner::Kind::Information : MessageBanner::Kind::Error,
                         r.ok ? r.message : tr("Export failed: %1").arg(r.message));
        });
}

void CheckpointWorkflow::importWeights(const QString& stateDict, const ModelSpec& spec,
                                       const QString& runName) {
    const CheckpointContext context = currentContext();
    const QString dataProblem = context.dataSource.isEmpty()
                                    ? tr("no data chosen: pick it on the Data page")
                                    : checkDataSource(context.dataSource);
    if (!dataProblem.isEmpty()) {
        emit message(MessageBanner::Kind::Error, tr("Import failed: %1").arg(dataProblem));
        return;
    }
    WeightsImportRequest request;
    request.stateDict = stateDict.toStdString();
    request.spec = spec;
    request.config = context.config;
    job_->start(
        [request, data = context.dataSource.toStdString(), runs = context.runsFolder.toStdString(),
         name = runName.toStdString()] {
            const ImportedRun run = importWeightsAsRun(request, data, runs, name);
            return FileJobResult{
                true,
                tr("Imported %1: test accuracy %2")
                    .arg(QString::fromStdString(request.stateDict), percent(run.testAccuracy)),
                QString::fromStdString(run.folder)};
        },
        [this](const FileJobResult& r) {
            emit message(r.ok ? MessageBanner::Kind::Information : MessageBanner::Kind::Error,
                         r.ok ? r.message : tr("Import failed: %1").arg(r.message));
            if (r.ok)
                emit runImported(r.path);
        });
}

void CheckpointWorkflow::chooseSaveDestination() {
    const CheckpointContext context = currentContext();
    const QString run = controller_->isActive() ? controller_->runFolder() : context.runFolder;
    const QString name = run.isEmpty() ? QStringLiteral("checkpoint") : QDir(run).dirName();
    const QString path = QFileDialog::getSaveFileName(
        dialogParent_, tr("Save Checkpoint"),
        QDir(suggestedFolder()).filePath(name + QStringLiteral(".ckpt")),
        tr("Checkpoints (*.ckpt)"));
    if (path.isEmpty())
        return;
    remember(path);
    saveCheckpointTo(path);
}

void CheckpointWorkflow::saveCopyWithDialog(const QString& checkpoint) {
    const QFileInfo source(checkpoint);
    const QString runFolder =
        QString::fromStdString(runDirectoryOfCheckpoint(checkpoint.toStdString()));
    const QString run = runFolder.isEmpty() ? QString() : QFileInfo(runFolder).fileName() + '-';
    const QString path = QFileDialog::getSaveFileName(
        dialogParent_, tr("Save Copy of Checkpoint"),
        QDir(suggestedFolder()).filePath(run + source.fileName()), tr("Checkpoints (*.ckpt)"));
    if (path.isEmpty())
        return;
    remember(path);
    copyCheckpoint(checkpoint, path);
}

void CheckpointWorkflow::chooseCheckpointToResume() {
    const QString last = lastCheckpointOfShownRun();
    const QString start = last.isEmpty() ? suggestedFolder() : last;
    const QString path =
        QFileDialog::getOpenFileName(dialogParent_, tr("Resume from Checkpoint"), start,
                                     tr("Checkpoints (*.ckpt);;All files (*)"));
    if (path.isEmpty())
        return;
    remember(path);
    resumeFrom(path);
}

void CheckpointWorkflow::exportWithDialog(const QString& checkpoint) {
    const CheckpointContext context = currentContext();
    QList<CheckpointChoice> choices;
    if (!context.runFolder.isEmpty()) {
        const QString run = QDir(context.runFolder).dirName();
        for (const auto& [which, name] : {std::pair{RunCheckpoint::Best, tr("best")},
                                          std::pair{RunCheckpoint::Last, tr("last")}}) {
            const QString path = checkpointIn(context.runFolder, which);
            if (QFileInfo::exists(path))
                choices.append({tr("Run %1: %2").arg(run, name), path});
        }
    }
    ExportDialog dialog(choices, suggestedFolder(), dialogParent_);
    if (!checkpoint.isEmpty())
        dialog.selectCheckpoint(checkpoint);
    if (dialog.exec() != QDialog::Accepted)
        return;
    remember(dialog.destination());
    exportCheckpoint(dialog.checkpoint(), dialog.format(), dialog.destination());
}

void CheckpointWorkflow::importWithDialog() {
    const CheckpointContext context = currentContext();
    ImportWeightsDialog dialog(context.editorSpec,
                               context.dataSource.isEmpty()
                                   ? tr("(no data chosen)")
                                   : describeDataSource(context.dataSource),
                               dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    remember(dialog.stateDict());
    importWeights(dialog.stateDict(), *dialog.spec(), dialog.runName());
}

} // namespace inception::ui
