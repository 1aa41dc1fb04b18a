#include "ui/analysis/BranchAblationPanel.hpp"

#include "ui/analysis/BranchAblationModel.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/common/Palette.hpp"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace inception::ui {

BranchAblationPanel::BranchAblationPanel(ExplainService* service, QWidget* parent)
    : QWidget(parent), service_(service) {
    setObjectName(QStringLiteral("branchAblationPanel"));
    model_ = new BranchAblationModel(this);
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(BranchAblationModel::kSortRole);
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("ablationTable"));
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(BranchAblationModel::Branch, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mode_ = new QComboBox;
    mode_->addItem(tr("replaced by its mean"), static_cast<int>(AblationMode::Mean));
    mode_->addItem(tr("zeroed"), static_cast<int>(AblationMode::Zero));
    mode_->setToolTip(tr("Mean: the branch's output averaged over the test images (its "
                         "information removed, its scale kept). Zero: its output set to 0."));
    run_ = new QPushButton(tr("Ablate Branches"));
    run_->setObjectName(QStringLiteral("ablateButton"));
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setEnabled(false);
    progress_ = new QProgressBar;
    progress_->setVisible(false);
    summary_ = new QLabel(tr("Switch off each branch of each unit in turn and evaluate the test "
                             "set again: what each branch carries, overall and per class."));
    summary_->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(mode_);
    controls->addWidget(run_);
    controls->addWidget(cancel_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(progress_);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);

    connect(run_, &QPushButton::clicked, this, &BranchAblationPanel::start);
    connect(cancel_, &QPushButton::clicked, service_, &ExplainService::cancel);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const int row = sorted_->mapToSource(index).row();
        const int width = model_->report().branches[static_cast<std::size_t>(row)].width;
        // A branch to shrink: a quarter, half and all of its width.
        emit varyRequested(index.data(BranchAblationModel::kFieldRole).toString(),
                           QStringLiteral("%1, %2, %3")
                               .arg(std::max(1, width / 4))
                               .arg(std::max(1, width / 2))
                               .arg(width));
    });
    connect(service_, &ExplainService::progress, this,
            [this](const QString&, qint64 done, qint64 total) {
                if (!running_)
                    return;
                progress_->setRange(0, static_cast<int>(total));
                progress_->setValue(static_cast<int>(done));
            });
    auto finish = [this] {
        running_ = false;
        run_->setEnabled(true);
        cancel_->setEnabled(false);
        progress_->setVisible(false);
    };
    connect(service_, &ExplainService::ablationReady, this,
            [this, finish](std::shared_ptr<const AblationReport> report, const QStringList& names) {
                finish();
                model_->setReport(*report, names);
                int candidates = 0;
                for (const BranchEffect& b : report->branches)
                    candidates += b.shrinkCandidate ? 1 : 0;
                summary_->setStyleSheet({});
                summary_->setText(
                    tr("Test accuracy %1% on %2 images. Cells: points of accuracy lost with the "
                       "branch %3. %4 candidate(s) to shrink: costly branches that carry little "
                       "(double-click a row to vary its width in an experiment).")
                        .arg(100 * report->accuracy, 0, 'f', 2)
                        .arg(report->images)
                        .arg(report->mode == AblationMode::Mean ? tr("replaced by its mean")
                                                                : tr("zeroed"))
                        .arg(candidates));
            });
    connect(service_, &ExplainService::cancelled, this, [this, finish](const QString& what) {
        if (!running_)
            return;
        finish();
        summary_->setText(tr("%1 cancelled.").arg(what));
    });
    connect(service_, &ExplainService::failed, this, [this, finish](const QString& message) {
        if (!running_)
            return;
        finish();
        summary_->setText(message);
        summary_->setStyleSheet(palette::errorTextStyle());
    });
}

void BranchAblationPanel::start() {
    running_ = true;
    run_->setEnabled(false);
    cancel_->setEnabled(true);
    progress_->setRange(0, 0);
    progress_->setVisible(true);
    service_->requestAblation(static_cast<AblationMode>(mode_->currentData().toInt()));
}

void BranchAblationPanel::clear() {
    model_->clear();
}

} // namespace inception::ui
