#include "ui/analysis/PredictionBrowser.hpp"

#include "core/base/InputError.hpp"
#include "core/evaluation/PredictionAnalysis.hpp"
#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "ui/analysis/ContactSheet.hpp"
#include "ui/analysis/ExplainPanel.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/PredictionDetail.hpp"
#include "ui/analysis/PredictionListModel.hpp"
#include "ui/analysis/PredictionTile.hpp"
#include "ui/analysis/PredictionTileDelegate.hpp"
#include "ui/common/SaveFile.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace inception::ui {

namespace {
constexpr int kContactSheetColumns = 10;
} // namespace

PredictionBrowser::PredictionBrowser(ExplainService* explain, QWidget* parent) : QWidget(parent) {
    predictions_ = new PredictionListModel(this);
    browser_ = new QListView;
    browser_->setObjectName(QStringLiteral("imageBrowser"));
    browser_->setModel(predictions_);
    browser_->setItemDelegate(new PredictionTileDelegate(QSize(32, 32), this));
    browser_->setViewMode(QListView::IconMode);
    browser_->setUniformItemSizes(true); // a virtualised grid: only visible tiles are painted
    browser_->setResizeMode(QListView::Adjust);
    browser_->setMovement(QListView::Static);
    browser_->setSpacing(2);
    browser_->setSelectionMode(QAbstractItemView::SingleSelection);
    detail_ = new PredictionDetail;
    connect(browser_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &PredictionBrowser::showCurrent);

    explain_ = new ExplainPanel(explain ? explain : new ExplainService(this));
    explain_->setClassNames(classNames_);
    auto* detailColumn = new QSplitter(Qt::Vertical);
    detailColumn->addWidget(detail_);
    detailColumn->addWidget(explain_);
    detailColumn->setChildrenCollapsible(false);
    detailColumn->setStretchFactor(0, 2);
    detailColumn->setStretchFactor(1, 3);
    auto* browse = new QSplitter(Qt::Horizontal);
    browse->addWidget(browser_);
    browse->addWidget(detailColumn);
    browse->setStretchFactor(0, 3);
    browse->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(createFilters());
    layout->addWidget(browse, 1);
}

QLayout* PredictionBrowser::createFilters() {
    trueFilter_ = new QComboBox;
    predictedFilter_ = new QComboBox;
    order_ = new QComboBox;
    order_->addItems({tr("Most confident first"), tr("Least confident first"),
                      tr("Highest loss first"), tr("Test index")});
    includeCorrect_ = new QCheckBox(tr("Correct too"));
    changed_ = new QCheckBox(tr("Changed since epoch"));
    suspects_ = new QCheckBox(tr("Suspect labels"));
    suspects_->setObjectName(QStringLiteral("suspectLabels"));
    suspects_->setToolTip(tr("Test images whose given label the model finds improbable "
                             "(confident learning, backed by the nearest training images), "
                             "most suspect first"));
    changedSince_ = new QSpinBox;
    changedSince_->setRange(1, 1);
    count_ = new QLabel;
    auto* exportSheet = new QPushButton(tr("Export Contact Sheet..."));
    connect(exportSheet, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Contact Sheet"),
                                                          QStringLiteral("contact-sheet.png"),
                                                          tr("PNG image (*.png)"));
        if (path.isEmpty())
            return;
        const QString error = exportContactSheet(path);
        emit statusMessage(error.isEmpty() ? tr("Saved %1").arg(path) : error, !error.isEmpty());
    });
    for (QComboBox* box : {trueFilter_, predictedFilter_, order_})
        connect(box, &QComboBox::currentIndexChanged, this, &PredictionBrowser::applyFilter);
    for (QCheckBox* box : {includeCorrect_, changed_})
        connect(box, &QCheckBox::toggled, this, &PredictionBrowser::applyFilter);
    connect(suspects_, &QCheckBox::toggled, this, [this](bool on) {
        if (on && !suspectRanking_)
            emit suspectsRequested();
        applyFilter();
    });
    connect(changedSince_, &QSpinBox::valueChanged, this, [this] {
        if (changed_->isChecked())
            applyFilter();
    });

    auto* filters = new QGridLayout;
    filters->addWidget(new QLabel(tr("True:")), 0, 0);
    filters->addWidget(trueFilter_, 0, 1);
    filters->addWidget(new QLabel(tr("Predicted:")), 0, 2);
    filters->addWidget(predictedFilter_, 0, 3);
    filters->addWidget(new QLabel(tr("Order:")), 0, 4);
    filters->addWidget(order_, 0, 5);
    filters->addWidget(includeCorrect_, 1, 0, 1, 2);
    filters->addWidget(suspects_, 2, 0, 1, 2);
    auto* changedRow = new QHBoxLayout;
    changedRow->addWidget(changed_);
    changedRow->addWidget(changedSince_);
    changedRow->addStretch(1);
    filters->addLayout(changedRow, 1, 2, 1, 2);
    filters->addWidget(count_, 1, 4);
    filters->addWidget(exportSheet, 1, 5);
    return filters;
}

void PredictionBrowser::setClassNames(const QStringList& classNames) {
    classNames_ = classNames;
    explain_->setClassNames(classNames);
    for (QComboBox* box : {trueFilter_, predictedFilter_}) {
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(tr("any"), -1);
        for (int c = 0; c < classNames_.size(); ++c)
            box->addItem(classNames_[c], c);
    }
}

void PredictionBrowser::showPredictions(const QString& folder, int epoch,
                                        std::vector<SamplePrediction> predictions) {
    folder_ = folder;
    shown_ = std::move(predictions);
    changedSince_->setRange(1, std::max(1, epoch - 1));
    changedSinceEpoch_ = 0; // compared against other predictions now
    predictions_->setPredictions(shown_, classNames_);
    applyFilter();
}

void PredictionBrowser::setImages(std::shared_ptr<const std::vector<QImage>> images) {
    predictions_->setImages(std::move(images));
    showCurrent();
}

void PredictionBrowser::setSuspects(std::vector<std::int32_t> ranked) {
    suspectRanking_ = std::move(ranked);
    if (suspects_->isChecked())
        applyFilter();
}

void PredictionBrowser::forgetSuspects() {
    suspectRanking_.reset();
    if (suspects_->isChecked()) {
        emit suspectsRequested();
        applyFilter();
    }
}

void PredictionBrowser::clear() {
    folder_.clear();
    shown_.clear();
    suspectRanking_.reset();
    explain_->clear();
    changedSinceEpoch_ = 0;
    predictions_->setPredictions({}, {});
    detail_->clear();
}

void PredictionBrowser::showCurrent() {
    const QModelIndex current = browser_->currentIndex();
    if (!current.isValid()) {
        detail_->clear();
        explain_->clear();
        return;
    }
    const SamplePrediction& p = predictions_->predictionAt(current.row());
    const QImage image = predictions_->imageOf(p);
    detail_->show(p, image, classNames_);
    if (!image.isNull())
        explain_->showTestImage(p.index, p.trueClass, p.predicted, image);
}

void PredictionBrowser::filterByCell(int trueClass, int predicted) {
    const QSignalBlocker b1(trueFilter_), b2(predictedFilter_), b3(includeCorrect_);
    trueFilter_->setCurrentIndex(std::max(0, trueFilter_->findData(trueClass)));
    predictedFilter_->setCurrentIndex(std::max(0, predictedFilter_->findData(predicted)));
    // The diagonal and whole classes hold correct predictions: show them, least confident first.
    const bool correct = trueClass == predicted || trueClass < 0 || predicted < 0;
    includeCorrect_->setChecked(correct);
    if (trueClass == predicted && trueClass >= 0)
        order_->setCurrentIndex(1);
    applyFilter();
}

void PredictionBrowser::setChangedSince(int epoch) {
    // The epoch first: checking the box first would read the box's old epoch too.
    if (epoch > 0)
        changedSince_->setValue(epoch);
    changed_->setChecked(epoch > 0);
    applyFilter();
}

void PredictionBrowser::applyFilter() {
    PredictionFilter filter;
    filter.trueClass =
        trueFilter_->currentData().isValid() ? trueFilter_->currentData().toInt() : -1;
    filter.predicted =
        predictedFilter_->currentData().isValid() ? predictedFilter_->currentData().toInt() : -1;
    filter.includeCorrect = includeCorrect_->isChecked();
    filter.order = static_cast<PredictionFilter::Order>(order_->currentIndex());
    if (changed_->isChecked() && !shown_.empty()) {
        // Read the earlier epoch once per (earlier, shown) pair, not at every click.
        if (changedSinceEpoch_ != changedSince_->value()) {
            changedSinceEpoch_ = changedSince_->value();
            try {
                const auto changed = changedPredictions(
                    readPredictions(runPredictions(folder_.toStdString(), changedSinceEpoch_)),
                    shown_);
                changedIndices_ = std::set<std::int32_t>(changed.begin(), changed.end());
            } catch (const InputError& e) {
                changedIndices_.reset();
                emit statusMessage(QString::fromStdString(e.oneLine()), true);
            }
        }
        filter.onlyIndices = changedIndices_;
    }
    if (suspects_->isChecked())
        filter.ranked = suspectRanking_.value_or(std::vector<std::int32_t>{});
    predictions_->setFilter(filter);
    count_->setText(tr("%n image(s)", nullptr, predictions_->rowCount()));
    detail_->clear();
    if (predictions_->rowCount() > 0) // the first image large, so the panel is never empty
        browser_->setCurrentIndex(predictions_->index(0));
}

QString PredictionBrowser::exportContactSheet(const QString& path) {
    const QImage sheet = renderContactSheet(*predictions_, kContactSheetColumns, kTileScale);
    if (sheet.isNull())
        return tr("%1: nothing to export, the selection is empty").arg(path);
    const QString error = writeFileSafely(path, [&sheet](const QString& temporary) {
        return sheet.save(temporary, "PNG") ? QString() : QStringLiteral("cannot write the PNG");
    });
    return error.isEmpty() ? QString() : path + QStringLiteral(": ") + error;
}

} // namespace inception::ui
