#include "ui/runs/RunsPage.hpp"

#include "core/base/InputError.hpp"
#include "core/runs/RunDirectory.hpp"
#include "ui/common/MessageBanner.hpp"
#include "ui/common/Palette.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/runs/RunCatalog.hpp"
#include "ui/runs/RunFilterModel.hpp"
#include "ui/runs/RunListModel.hpp"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace inception::ui {

namespace {

enum OverlayMetric { TestAccuracy, TrainAccuracy, TestLoss, TrainLoss };

double metricOf(const EpochSummary& epoch, int metric) {
    switch (metric) {
    case TestAccuracy:
        return 100 * epoch.testAccuracy;
    case TrainAccuracy:
        return 100 * epoch.trainAccuracy;
    case TestLoss:
        return epoch.testLoss;
    default:
        return epoch.trainLoss;
    }
}

// Marks the checkpoint menu's actions that start training.
constexpr const char* kResumesRun = "resumesRun";

constexpr int kNoteEditorHeight = 96;
constexpr int kNoteEditorWidth = 360;

// The table's columns as saved with the layout: raised when RunListModel's columns change.
constexpr quint32 kTableLayoutVersion = 1;

// Notes span lines: edited in a text box a little taller than the row, committed when it
// loses focus (Enter makes a new line; Escape cancels).
class NoteDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&,
                          const QModelIndex&) const override {
        auto* editor = new QPlainTextEdit(parent);
        editor->setObjectName(QStringLiteral("noteEditor"));
        editor->setPlaceholderText(RunsPage::tr("What this run tried, what it showed..."));
        return editor;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override {
        static_cast<QPlainTextEdit*>(editor)->setPlainText(index.data(Qt::EditRole).toString());
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override {
        model->setData(index, static_cast<QPlainTextEdit*>(editor)->toPlainText());
    }
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex&) const override {
        QRect rect = option.rect;
        rect.setWidth(std::max(rect.width(), kNoteEditorWidth));
        rect.setHeight(std::max(rect.height(), kNoteEditorHeight));
        // Inside the table's viewport, also for the last column.
        const QRect viewport = editor->parentWidget()->rect();
        rect.moveRight(std::min(rect.right(), viewport.right()));
        rect.moveLeft(std::max(rect.left(), viewport.left()));
        editor->setGeometry(rect);
    }
};

} // namespace

RunsPage::RunsPage(RunCatalog* catalog, QWidget* parent) : QWidget(parent), catalog_(catalog) {
    setObjectName(QStringLiteral("runsPage"));
    createTable();
    QToolBar* toolbar = createToolbar();
    QWidget* overlayBox = createOverlay();

    banner_ = new MessageBanner;
    splitter_ = new QSplitter(Qt::Vertical);
    splitter_->addWidget(table_);
    splitter_->addWidget(overlayBox);
    splitter_->setStretchFactor(0, 1);
    splitter_->setStretchFactor(1, 1);
    splitter_->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(toolbar);
    layout->addWidget(createFilterRow());
    layout->addWidget(banner_);
    layout->addWidget(splitter_, 1);

    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateOverlay();
        updateButtons();
    });
    connectCatalog();
    updateButtons();
}

void RunsPage::createTable() {
    model_ = new RunListModel(catalog_, this);
    connect(model_, &RunListModel::editFailed, this,
            [this](const QString& error) { banner_->show(MessageBanner::Kind::Error, error); });
    proxy_ = new RunFilterModel(this);
    proxy_->setSourceModel(model_);

    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("runsTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RunListModel::Started, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table_->setItemDelegateForColumn(RunListModel::Note, new NoteDelegate(table_));
    table_->setWordWrap(false);
    table_->setColumnWidth(RunListModel::Name, 200);
    table_->setColumnWidth(RunListModel::Model, 220);
    table_->setColumnWidth(RunListModel::Tags, 140);
    table_->setColumnWidth(RunListModel::Note, 240);
    for (int column : {RunListModel::Status, RunListModel::BestAccuracy, RunListModel::LastAccuracy,
                       RunListModel::AccuracyRange, RunListModel::LastLoss, RunListModel::LossRange,
                       RunListModel::Epochs, RunListModel::Started})
        table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    for (int column : {RunListModel::BestLoss, RunListModel::Data})
        table_->setColumnHidden(column, true);
    table_->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &RunsPage::showHeaderMenu);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (!(index.flags() & Qt::ItemIsEditable)) // tags and notes are edited instead
            emit openRequested(index.data(RunListModel::kFolderRole).toString());
    });
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_, &QWidget::customContextMenuRequested, this, &RunsPage::showContextMenu);
}

QToolBar* RunsPage::createToolbar() {
    auto* toolbar = new QToolBar;
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    open_ = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open"));
    open_->setToolTip(tr("Show the run's plots and log on the Training page (double-click)"));
    connect(open_, &QAction::triggered, this, [this] {
        const QStringList folders = selectedFolders();
        if (!folders.isEmpty())
            emit openRequested(folders.first());
    });
    loadSpec_ = toolbar->addAction(tr("Load Spec"));
    loadSpec_->setToolTip(tr("Load the model spec of the run into the layer editor"));
    connect(loadSpec_, &QAction::triggered, this, [this] {
        const QStringList folders = selectedFolders();
        if (folders.size() == 1)
            emit loadSpecRequested(folders.first());
    });
    rename_ = toolbar->addAction(tr("Rename..."));
    connect(rename_, &QAction::triggered, this, &RunsPage::renameSelected);
    editTags_ = new QAction(tr("Edit Tags"), this);
    connect(editTags_, &QAction::triggered, this, [this] { editSelected(RunListModel::Tags); });
    editNote_ = new QAction(tr("Edit Note"), this);
    connect(editNote_, &QAction::triggered, this, [this] { editSelected(RunListModel::Note); });
    report_ = toolbar->addAction(tr("Report..."));
    report_->setToolTip(tr("Export the run as one HTML or PDF file to share"));
    connect(report_, &QAction::triggered, this, [this] {
        const QStringList folders = selectedFolders();
        if (folders.size() == 1)
            emit reportRequested(folders.first());
    });
    delete_ = toolbar->addAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("Delete"));
    delete_->setShortcut(QKeySequence::Delete);
    delete_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(delete_, &QAction::triggered, this, &RunsPage::deleteSelected);
    checkpointMenu_ = createCheckpointMenu();
    auto* checkpointButton = new QToolButton;
    checkpointButton->setObjectName(QStringLiteral("checkpointButton"));
    checkpointButton->setText(tr("Checkpoint"));
    checkpointButton->setToolTip(tr("Resume, export or copy the run's last or best checkpoint"));
    checkpointButton->setMenu(checkpointMenu_);
    checkpointButton->setPopupMode(QToolButton::InstantPopup);
    checkpointButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addWidget(checkpointButton);
    toolbar->addSeparator();
    toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), catalog_,
                       &RunCatalog::rescan);
    toolbar->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Runs Folder..."), this,
                       &RunsPage::chooseRootRequested);
    rootLabel_ = new QLabel;
    rootLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rootLabel_->setContentsMargins(8, 0, 0, 0);
    toolbar->addWidget(rootLabel_);
    return toolbar;
}

void RunsPage::showContextMenu(const QPoint& at) {
    if (selectedFolders().size() != 1)
        return;
    QMenu menu;
    menu.addAction(open_);
    menu.addAction(loadSpec_);
    menu.addSeparator();
    menu.addActions(checkpointMenu_->actions());
    menu.addSeparator();
    menu.addAction(editTags_);
    menu.addAction(editNote_);
    menu.addAction(report_);
    menu.addSeparator();
    menu.addAction(rename_);
    menu.addAction(delete_);
    menu.exec(table_->viewport()->mapToGlobal(at));
}

QWidget* RunsPage::createFilterRow() {
    filter_ = new QLineEdit;
    filter_->setObjectName(QStringLiteral("runsFilter"));
    filter_->setPlaceholderText(tr("Filter by name, recipe, model, tag or note"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, proxy_, &RunFilterModel::setText);
    tagChooser_ = new QComboBox;
    tagChooser_->setObjectName(QStringLiteral("tagChooser"));
    tagChooser_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    tagChooser_->addItem(tr("Any tag"), QString());
    connect(tagChooser_, &QComboBox::currentIndexChanged, this,
            [this] { proxy_->setTag(tagChooser_->currentData().toString()); });
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_, 1);
    layout->addWidget(new QLabel(tr("Tag:")));
    layout->addWidget(tagChooser_);
    return row;
}

void RunsPage::updateTagChooser() {
    const QStringList tags = catalog_->allTags();
    QStringList shown;
    for (int i = 1; i < tagChooser_->count(); ++i)
        shown << tagChooser_->itemData(i).toString();
    if (shown == tags)
        return;
    const QString chosen = proxy_->tag();
    const QSignalBlocker blocker(tagChooser_);
    tagChooser_->clear();
    tagChooser_->addItem(tr("Any tag"), QString());
    for (const QString& tag : tags)
        tagChooser_->addItem(tag, tag);
    const int index = tagChooser_->findData(chosen);
    tagChooser_->setCurrentIndex(std::max(index, 0));
    if (index < 0)
        proxy_->setTag(QString()); // the chosen tag is gone from every run
}

void RunsPage::showHeaderMenu(const QPoint& at) {
    QMenu menu;
    for (int column = 0; column < RunListModel::ColumnCount; ++column) {
        QAction* action = menu.addAction(model_->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!table_->isColumnHidden(column));
        action->setEnabled(column != RunListModel::Name);
        connect(action, &QAction::toggled, this,
                [this, column](bool shown) { table_->setColumnHidden(column, !shown); });
    }
    menu.exec(table_->horizontalHeader()->mapToGlobal(at));
}

void RunsPage::editSelected(int column) {
    const QModelIndexList rows = table_->selectionModel()->selectedRows(column);
    if (rows.size() != 1)
        return;
    table_->setColumnHidden(column, false);
    table_->setCurrentIndex(rows.first());
    table_->edit(rows.first());
}

QWidget* RunsPage::createOverlay() {
    metric_ = new QComboBox;
    metric_->addItems(
        {tr("Test accuracy"), tr("Train accuracy"), tr("Test loss"), tr("Train loss")});
    connect(metric_, &QComboBox::currentIndexChanged, this, &RunsPage::updateOverlay);
    overlay_ = new PlotView(tr("Selected runs"), tr("epoch"), tr("test accuracy (%)"));
    auto* overlayBox = new QWidget;
    auto* overlayLayout = new QVBoxLayout(overlayBox);
    overlayLayout->setContentsMargins(0, 0, 0, 0);
    auto* metricRow = new QHBoxLayout;
    metricRow->addWidget(new QLabel(tr("Compare:")));
    metricRow->addWidget(metric_);
    metricRow->addStretch(1);
    overlayLayout->addLayout(metricRow);
    overlayLayout->addWidget(overlay_, 1);
    return overlayBox;
}

void RunsPage::connectCatalog() {
    connect(catalog_, &RunCatalog::aboutToReset, this,
            [this] { selectionBeforeReset_ = selectedFolders(); });
    connect(catalog_, &RunCatalog::reset, this, [this] {
        rootLabel_->setText(catalog_->root());
        updateTagChooser();
        selectFolders(selectionBeforeReset_);
        // Something to compare from the start: the newest run.
        if (selectedFolders().isEmpty() && proxy_->rowCount() > 0)
            table_->selectRow(0);
        updateOverlay();
        updateButtons();
    });
    connect(catalog_, &RunCatalog::runChanged, this, [this](int row) {
        updateTagChooser();
        if (selectedFolders().contains(catalog_->entries()[static_cast<std::size_t>(row)].folder))
            updateOverlay();
    });
}

QStringList RunsPage::selectedFolders() const {
    QStringList folders;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        folders << index.data(RunListModel::kFolderRole).toString();
    return folders;
}

void RunsPage::selectFolders(const QStringList& folders) {
    QItemSelection selection;
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        const QModelIndex index = proxy_->index(row, 0);
        if (folders.contains(index.data(RunListModel::kFolderRole).toString()))
            selection.select(index, proxy_->index(row, RunListModel::ColumnCount - 1));
    }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

QMenu* RunsPage::createCheckpointMenu() {
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("checkpointMenu"));
    connect(menu, &QMenu::aboutToShow, this, &RunsPage::updateButtons);
    const auto add = [&](const QString& text, RunCheckpoint which,
                         void (RunsPage::*signal)(const QString&)) {
        QAction* action = menu->addAction(text);
        action->setData(static_cast<int>(which));
        action->setProperty(kResumesRun, signal == &RunsPage::resumeRequested);
        connect(action, &QAction::triggered, this, [this, which, signal] {
            const QString checkpoint = selectedCheckpoint(which);
            if (!checkpoint.isEmpty())
                emit(this->*signal)(checkpoint);
        });
    };
    add(tr("Resume from Last"), RunCheckpoint::Last, &RunsPage::resumeRequested);
    add(tr("Resume from Best"), RunCheckpoint::Best, &RunsPage::resumeRequested);
    menu->addSeparator();
    add(tr("Export Last..."), RunCheckpoint::Last, &RunsPage::exportRequested);
    add(tr("Export Best..."), RunCheckpoint::Best, &RunsPage::exportRequested);
    menu->addSeparator();
    add(tr("Save Copy of Last..."), RunCheckpoint::Last, &RunsPage::saveCopyRequested);
    add(tr("Save Copy of Best..."), RunCheckpoint::Best, &RunsPage::saveCopyRequested);
    return menu;
}

QString RunsPage::selectedCheckpoint(RunCheckpoint which) const {
    const QStringList folders = selectedFolders();
    if (folders.size() != 1)
        return {};
    const QString path =
        QString::fromStdString(runCheckpoint(folders.first().toStdString(), which));
    return QFileInfo::exists(path) ? path : QString();
}

void RunsPage::updateButtons() {
    const QStringList folders = selectedFolders();
    const bool training = folders.size() == 1 && folders.first() == activeRun_;
    for (QAction* action : checkpointMenu_->actions()) {
        if (action->isSeparator())
            continue;
        const bool exists =
            !selectedCheckpoint(static_cast<RunCheckpoint>(action->data().toInt())).isEmpty();
        // The run training here keeps writing its checkpoints: it cannot also resume.
        action->setEnabled(exists && !(action->property(kResumesRun).toBool() && training));
    }
    open_->setEnabled(folders.size() == 1);
    for (QAction* action : {editTags_, editNote_, report_})
        action->setEnabled(folders.size() == 1);
    loadSpec_->setEnabled(folders.size() == 1);
    rename_->setEnabled(folders.size() == 1 && !folders.contains(activeRun_));
    delete_->setEnabled(!folders.isEmpty() && !folders.contains(activeRun_));
}

void RunsPage::updateOverlay() {
    const int metric = metric_->currentIndex();
    overlay_->yAxis->setLabel(metric_->currentText().toLower() +
                              (metric <= TrainAccuracy ? QStringLiteral(" (%)") : QString()));
    overlay_->removeAllSeries();
    overlay_->legend->setVisible(false);
    int colour = 0;
    for (const QString& folder : selectedFolders()) {
        const RunRecord* record = catalog_->record(catalog_->indexOf(folder));
        if (!record)
            continue;
        const RunRecord& run = *record;
        QVector<double> x, y;
        for (const EpochSummary& epoch : run.epochs) {
            x << epoch.epoch;
            y << metricOf(epoch, metric);
        }
        const int series = overlay_->addSeries(QString::fromStdString(run.name),
                                               palette::series(colour++), 2.0, true);
        overlay_->setPoints(series, x, y);
        overlay_->legend->setVisible(true);
    }
    overlay_->fitToData();
}

QString RunsPage::renameRun(const QString& folder, const QString& name) {
    if (folder == activeRun_)
        return tr("%1: still training here; rename it when it has ended").arg(folder);
    try {
        inception::renameRun(folder.toStdString(), name.trimmed().toStdString());
    } catch (const InputError& e) {
        return QString::fromStdString(e.oneLine());
    }
    catalog_->poll();
    return {};
}

QString RunsPage::deleteRuns(const QStringList& folders, bool confirmed) {
    QStringList failures;
    for (const QString& folder : folders) {
        if (folder == activeRun_) {
            failures << tr("%1: still training here; stop it first").arg(folder);
            continue;
        }
        if (QFile::moveToTrash(folder))
            continue;
        if (!confirmed) {
            failures << tr("%1: the trash is not available; not deleted").arg(folder);
            continue;
        }
        if (!QDir(folder).removeRecursively())
            failures << tr("%1: could not be deleted completely").arg(folder);
    }
    catalog_->rescan();
    return failures.join('\n');
}

void RunsPage::renameSelected() {
    const QStringList folders = selectedFolders();
    if (folders.size() != 1)
        return;
    const int index = catalog_->indexOf(folders.first());
    const QString current =
        index < 0 ? QString()
                  : QString::fromStdString(
                        catalog_->entries()[static_cast<std::size_t>(index)].summary.name);
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename Run"), tr("Name:"), QLineEdit::Normal, current, &ok);
    if (!ok)
        return;
    const QString error = renameRun(folders.first(), name);
    if (!error.isEmpty())
        banner_->show(MessageBanner::Kind::Error, error);
}

void RunsPage::deleteSelected() {
    const QStringList folders = selectedFolders();
    if (folders.isEmpty())
        return;
    QString error = deleteRuns(folders, false);
    if (error.isEmpty())
        return;
    // No trash here: ask before deleting for good.
    const auto answer =
        QMessageBox::question(this, tr("Delete Runs"),
                              tr("The trash is not available. Delete %n run(s) permanently?",
                                 nullptr, static_cast<int>(folders.size())),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    error = deleteRuns(folders, true);
    if (!error.isEmpty())
        banner_->show(MessageBanner::Kind::Error, error);
}

QByteArray RunsPage::saveLayout() const {
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << splitter_->saveState() << kTableLayoutVersion << table_->horizontalHeader()->saveState();
    return state;
}

void RunsPage::restoreLayout(const QByteArray& state) {
    QDataStream in(state);
    QByteArray splitter, header;
    quint32 version = 0;
    in >> splitter >> version >> header;
    if (in.status() != QDataStream::Ok)
        return;
    splitter_->restoreState(splitter);
    if (version == kTableLayoutVersion) // columns saved by another version are left as they are
        table_->horizontalHeader()->restoreState(header);
}

} // namespace inception::ui
