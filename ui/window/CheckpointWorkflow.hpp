#pragma once

#include "core/interop/ModelExport.hpp"
#include "core/session/TrainingSession.hpp"
#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"
#include "ui/common/MessageBanner.hpp"

#include <QObject>

#include <functional>

class QAction;
class QWidget;

namespace inception::ui {

class FileJob;
class TrainingController;

// What the checkpoint commands work on, as the window sees it now.
struct CheckpointContext {
    QString runFolder;  // the run shown on the Training page (live or opened), if any
    QString dataSource; // the data in use
    QString runsFolder;
    ModelSpec editorSpec;
    TrainingConfig config;
};

// The File menu's checkpoint commands and the Runs page's: save a checkpoint (of the live run,
// at its next batch; or a copy of a finished run's), resume from one, export one (PyTorch,
// ONNX, LibTorch), import PyTorch weights as a run. Dialogs ask; the work runs off the GUI
// thread; outcomes come back as messages.
class CheckpointWorkflow : public QObject {
    Q_OBJECT

public:
    CheckpointWorkflow(TrainingController* controller, QWidget* dialogParent);

    void setContextProvider(std::function<CheckpointContext()> provider);

    QAction* saveAction() const { return save_; }
    QAction* resumeAction() const { return resume_; }
    QAction* exportAction() const { return export_; }
    QAction* importAction() const { return import_; }
    FileJob* job() const { return job_; }

    // The commands without their dialogs (the dialogs end in these).
    void saveCheckpointTo(const QString& path);
    void copyCheckpoint(const QString& checkpoint, const QString& path);
    // Continues the checkpoint's run up to the Training page's epoch count.
    void resumeFrom(const QString& checkpoint);
    void exportCheckpoint(const QString& checkpoint, inception::ExportFormat format,
                          const QString& destination);
    void importWeights(const QString& stateDict, const inception::ModelSpec& spec,
                       const QString& runName);

public slots:
    void updateActions();
    // With dialogs: from the menu (no checkpoint given) or the Runs page (a run's checkpoint).
    void chooseSaveDestination();
    void saveCopyWithDialog(const QString& checkpoint);
    void chooseCheckpointToResume();
    void exportWithDialog(const QString& checkpoint = {});
    void importWithDialog();

signals:
    // Resume: start this session (the window checks the data and starts it).
    void startRequested(const inception::SessionRequest& request);
    void runImported(const QString& folder);
    void message(inception::ui::MessageBanner::Kind kind, const QString& text);

private:
    CheckpointContext currentContext() const;
    QString lastCheckpointOfShownRun() const;
    QString suggestedFolder() const;
    void remember(const QString& path);

    TrainingController* controller_;
    QWidget* dialogParent_;
    FileJob* job_;
    std::function<CheckpointContext()> context_;
    QAction* save_;
    QAction* resume_;
    QAction* export_;
    QAction* import_;
    QString pendingSave_; // a checkpoint the live run was asked for
};

} // namespace inception::ui
