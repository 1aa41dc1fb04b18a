#pragma once

#include "core/training/CheckpointFiles.hpp"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QMenu;
class QLabel;
class QSplitter;
class QTableView;
class QToolBar;

namespace inception::ui {

class MessageBanner;
class PlotView;
class RunCatalog;
class RunFilterModel;
class RunListModel;

// Every run under the runs folder: a sortable, filterable table (by text and tag) whose tags and
// notes are edited in place, the curves of the selected runs overlaid, and open, rename, delete
// and report. Runs that are still growing are followed live.
class RunsPage : public QWidget {
    Q_OBJECT

public:
    RunsPage(RunCatalog* catalog, QWidget* parent = nullptr);

    QTableView* table() const { return table_; }
    PlotView* overlay() const { return overlay_; }
    MessageBanner* banner() const { return banner_; }
    QLineEdit* filterEdit() const { return filter_; }
    QComboBox* tagChooser() const { return tagChooser_; }
    QStringList selectedFolders() const;
    void selectFolders(const QStringList& folders);
    // The run training in this window: it cannot be renamed or deleted while it trains.
    void setActiveRun(const QString& folder) { activeRun_ = folder; }

    // Error messages, empty on success. `confirmed` skips the confirmation of a
    // permanent delete (when the trash is not available).
    QString renameRun(const QString& folder, const QString& name);
    QString deleteRuns(const QStringList& folders, bool confirmed);

    QByteArray saveLayout() const;
    void restoreLayout(const QByteArray& state);

signals:
    void openRequested(const QString& folder);
    // Load the spec the run was trained with into the layer editor.
    void loadSpecRequested(const QString& folder);
    void chooseRootRequested();
    // A checkpoint of the selected run (its last.ckpt or best.ckpt).
    void resumeRequested(const QString& checkpoint);
    void exportRequested(const QString& checkpoint);
    void saveCopyRequested(const QString& checkpoint);
    void reportRequested(const QString& folder);

private:
    void createTable();
    QToolBar* createToolbar();
    QWidget* createFilterRow();
    void updateTagChooser();
    void showHeaderMenu(const QPoint& at);
    void editSelected(int column);
    QWidget* createOverlay();
    void connectCatalog();
    void showContextMenu(const QPoint& at);
    void updateOverlay();
    void updateButtons();
    void renameSelected();
    void deleteSelected();
    QMenu* createCheckpointMenu();
    QString selectedCheckpoint(RunCheckpoint which) const;

    RunCatalog* catalog_;
    RunListModel* model_;
    RunFilterModel* proxy_;
    QTableView* table_;
    PlotView* overlay_;
    QComboBox* metric_;
    QLineEdit* filter_;
    QComboBox* tagChooser_;
    QLabel* rootLabel_;
    MessageBanner* banner_;
    QSplitter* splitter_;
    QAction* open_;
    QAction* rename_;
    QAction* loadSpec_;
    QAction* delete_;
    QAction* editTags_;
    QAction* editNote_;
    QAction* report_;
    QMenu* checkpointMenu_;
    QString activeRun_;
    QStringList selectionBeforeReset_;
};

} // namespace inception::ui
