#pragma once

#include "core/training/CheckpointFiles.hpp"

#include <QWidget>

class QComboBox;
class QMenu;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QToolBar;

namespace inception::ui {

class MessageBanner;
class PlotView;
class RunCatalog;
class RunListModel;

// Every run under the runs folder: a sortable list, the curves of the selected runs overlaid,
// and open, rename and delete. Runs that are still growing are followed live.
class RunsPage : public QWidget {
    Q_OBJECT

public:
    RunsPage(RunCatalog* catalog, QWidget* parent = nullptr);

    QTableView* table() const { return table_; }
    PlotView* overlay() const { return overlay_; }
    MessageBanner* banner() const { return banner_; }
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

private:
    void createTable();
    QToolBar* createToolbar();
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
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    PlotView* overlay_;
    QComboBox* metric_;
    QLabel* rootLabel_;
    MessageBanner* banner_;
    QSplitter* splitter_;
    QAction* open_;
    QAction* rename_;
    QAction* loadSpec_;
    QAction* delete_;
    QMenu* checkpointMenu_;
    QString activeRun_;
    QStringList selectionBeforeReset_;
};

} // namespace inception::ui
