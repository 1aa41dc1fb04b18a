#include "ui/analysis/ConfusionPanel.hpp"

#include "ui/analysis/AxisTitle.hpp"
#include "ui/analysis/ClassMetricsModel.hpp"
#include "ui/analysis/ConfusionMatrixModel.hpp"
#include "ui/analysis/HeatmapDelegate.hpp"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace inception::ui {

ConfusionPanel::ConfusionPanel(QWidget* parent) : QWidget(parent) {
    auto* panel = new QSplitter(Qt::Vertical);
    panel->addWidget(createHeatmap());
    panel->addWidget(createMetricsView());
    panel->setStretchFactor(0, 3);
    panel->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(panel);
}

QWidget* ConfusionPanel::createHeatmap() {
    confusion_ = new ConfusionMatrixModel(this);
    heatmap_ = new QTableView;
    heatmap_->setObjectName(QStringLiteral("confusionHeatmap"));
    heatmap_->setModel(confusion_);
    heatmap_->setItemDelegate(new HeatmapDelegate(heatmap_));
    heatmap_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    heatmap_->setSelectionMode(QAbstractItemView::SingleSelection);
    heatmap_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    heatmap_->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    heatmap_->horizontalHeader()->setSectionsClickable(true);
    heatmap_->verticalHeader()->setSectionsClickable(true);
    heatmap_->setMinimumSize(360, 300);
    heatmap_->setToolTip(tr("Click a cell, a row or a column to see its images"));
    connect(heatmap_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const auto [trueClass, predicted] = confusion_->pairAt(index);
        emit cellChosen(trueClass, predicted);
    });
    connect(heatmap_->verticalHeader(), &QHeaderView::sectionClicked, this, [this](int row) {
        confusion_->notebookLayout() ? emit cellChosen(-1, row) : emit cellChosen(row, -1);
    });
    connect(heatmap_->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        confusion_->notebookLayout() ? emit cellChosen(column, -1) : emit cellChosen(-1, column);
    });

    rowsTitle_ = new AxisTitle;
    columnsTitle_ = new QLabel;
    columnsTitle_->setAlignment(Qt::AlignCenter);
    QFont bold = columnsTitle_->font();
    bold.setBold(true);
    columnsTitle_->setFont(bold);
    auto* heat = new QWidget;
    auto* grid = new QGridLayout(heat);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(columnsTitle_, 0, 1);
    grid->addWidget(rowsTitle_, 1, 0);
    grid->addWidget(heatmap_, 1, 1);
    updateAxisTitles();
    return heat;
}

QTableView* ConfusionPanel::createMetricsView() {
    metrics_ = new ClassMetricsModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(metrics_);
    proxy->setSortRole(ClassMetricsModel::kSortRole);
    metricsView_ = new QTableView;
    metricsView_->setObjectName(QStringLiteral("classMetrics"));
    metricsView_->setModel(proxy);
    metricsView_->setSortingEnabled(true);
    metricsView_->sortByColumn(-1, Qt::AscendingOrder);
    metricsView_->verticalHeader()->hide();
    metricsView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metricsView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    metricsView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    metricsView_->horizontalHeader()->setStretchLastSection(true);
    connect(metricsView_, &QTableView::clicked, this, [this, proxy](const QModelIndex& index) {
        emit cellChosen(proxy->mapToSource(index).row(), -1);
    });
    return metricsView_;
}

void ConfusionPanel::setMatrix(const ConfusionMatrix& matrix, const QStringList& classNames) {
    confusion_->setMatrix(matrix, classNames);
    metrics_->setMatrix(matrix, classNames);
}

void ConfusionPanel::setShowRates(bool rates) {
    confusion_->setShowRates(rates);
}

void ConfusionPanel::setNotebookLayout(bool on) {
    confusion_->setNotebookLayout(on);
    updateAxisTitles();
}

void ConfusionPanel::updateAxisTitles() {
    const bool rowsPredicted = confusion_->notebookLayout();
    rowsTitle_->setText(rowsPredicted ? tr("Predicted class") : tr("True class"));
    columnsTitle_->setText(rowsPredicted ? tr("True class") : tr("Predicted class"));
}

} // namespace inception::ui
