#include "ui/AnalysisPage.hpp"

#include "core/InputError.hpp"
#include "core/PredictionAnalysis.hpp"
#include "core/PredictionsFile.hpp"
#include "core/RunDirectory.hpp"
#include "core/TestImages.hpp"
#include "ui/ClassMetricsModel.hpp"
#include "ui/ConfusionMatrixModel.hpp"
#include "ui/PredictionListModel.hpp"
#include "ui/PredictionTiles.hpp"
#include "ui/SaveFile.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace inception::ui {

// A title drawn upwards, for the rows of the heatmap.
class AxisTitle : public QWidget {
public:
    explicit AxisTitle(QWidget* parent = nullptr) : QWidget(parent) { setFixedWidth(22); }
    void setText(const QString& text) {
        text_ = text;
        update();
    }
    QString text() const { return text_; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.translate(0, height());
        p.rotate(-90);
        p.drawText(QRect(0, 0, height(), width()), Qt::AlignCenter, text_);
    }

private:
    QString text_;
};

namespace {
constexpr int kContactSheetColumns = 10;

QString predictionsPath(const QString& folder, int epoch) {
    return folder + '/' + QString::fromStdString(runfiles::predictionsFile(epoch));
}
} // namespace

AnalysisPage::AnalysisPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("analysisPage"));
    epochSlider_ = new QSlider(Qt::Horizontal);
    epochSlider_->setObjectName(QStringLiteral("epochSlider"));
    epochSlider_->setRange(1, 1);
    epochSlider_->setPageStep(1);
    epochSlider_->setTickPosition(QSlider::TicksBelow);
    epochLabel_ = new QLabel;
    epochLabel_->setMinimumWidth(110);
    rates_ = new QCheckBox(tr("Rates of the true class"));
    notebookLayout_ = new QCheckBox(tr("Notebook layout (rows predicted)"));
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("analysisStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Epoch:")));
    top->addWidget(epochSlider_, 1);
    top->addWidget(epochLabel_);
    top->addSpacing(12);
    top->addWidget(rates_);
    top->addWidget(notebookLayout_);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(createHeatmap());
    split->addWidget(createBrowser());
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 700});
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(status_);
    layout->addWidget(split, 1);

    connect(epochSlider_, &QSlider::valueChanged, this, [this] { showEpoch(); });
    connect(rates_, &QCheckBox::toggled, confusion_, &ConfusionMatrixModel::setShowRates);
    connect(notebookLayout_, &QCheckBox::toggled, this, [this](bool on) {
        confusion_->setNotebookLayout(on);
        updateAxisTitles();
    });
    connect(&imageLoad_, &QFutureWatcher<void>::finished, this, [this] {
        auto [images, problem] = imageLoad_.result();
        images_ = images;
        imagesProblem_ = problem;
        predictions_->setImages(images_);
        if (const QModelIndex current = browser_->currentIndex(); current.isValid()) {
            const SamplePrediction& p = predictions_->predictionAt(current.row());
            detail_->show(p, predictions_->imageOf(p), classNames_);
        }
        showStatus();
        emit imagesLoadedChanged();
    });
    clear();
}

AnalysisPage::~AnalysisPage() {
    imageLoad_.waitForFinished();
}

QWidget* AnalysisPage::createHeatmap() {
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
        filterByCell(trueClass, predicted);
    });
    connect(heatmap_->verticalHeader(), &QHeaderView::sectionClicked, this, [this](int row) {
        confusion_->notebookLayout() ? filterByCell(-1, row) : filterByCell(row, -1);
    });
    connect(heatmap_->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        confusion_->notebookLayout() ? filterByCell(column, -1) : filterByCell(-1, column);
    });

    rowsTitle_ = new AxisTitle;
    columnsTitle_ = new QLabel;
    columnsTitle_->setAlignment(Qt::AlignCenter);
    QFont bold = columnsTitle_->font();
    bold.setBold(true);
    columnsTitle_->setFont(bold);
    auto* grid = new QGridLayout;
    grid->addWidget(columnsTitle_, 0, 1);
    grid->addWidget(rowsTitle_, 1, 0);
    grid->addWidget(heatmap_, 1, 1);
    updateAxisTitles();

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
        filterByCell(proxy->mapToSource(index).row(), -1);
    });

    auto* panel = new QSplitter(Qt::Vertical);
    auto* heat = new QWidget;
    heat->setLayout(grid);
    grid->setContentsMargins(0, 0, 0, 0);
    panel->addWidget(heat);
    panel->addWidget(metricsView_);
    panel->setStretchFactor(0, 3);
    panel->setStretchFactor(1, 2);
    return panel;
}

QWidget* AnalysisPage::createBrowser() {
    predictions_ = new PredictionListModel(this);
    tiles_ = new PredictionTileDelegate(QSize(32, 32), this);
    browser_ = new QListView;
    browser_->setObjectName(QStringLiteral("imageBrowser"));
    browser_->setModel(predictions_);
    browser_->setItemDelegate(tiles_);
    browser_->setViewMode(QListView::IconMode);
    browser_->setUniformItemSizes(true); // a virtualised grid: only visible tiles are painted
    browser_->setResizeMode(QListView::Adjust);
    browser_->setMovement(QListView::Static);
    browser_->setSpacing(2);
    browser_->setSelectionMode(QAbstractItemView::SingleSelection);
    detail_ = new PredictionDetail;
    connect(browser_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid()) {
                    detail_->clear();
                    return;
                }
                const SamplePrediction& p = predictions_->predictionAt(current.row());
                detail_->show(p, predictions_->imageOf(p), classNames_);
            });

    trueFilter_ = new QComboBox;
    predictedFilter_ = new QComboBox;
    order_ = new QComboBox;
    order_->addItems({tr("Most confident first"), tr("Least confident first"),
                      tr("Highest loss first"), tr("Test index")});
    includeCorrect_ = new QCheckBox(tr("Correct too"));
    changed_ = new QCheckBox(tr("Changed since epoch"));
    changedSince_ = new QSpinBox;
    changedSince_->setRange(1, 1);
    count_ = new QLabel;
    auto* exportSheet = new QPushButton(tr("Export Contact Sheet..."));
    connect(exportSheet, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Contact Sheet"),
                                                          QStringLiteral("contact-sheet.png"),
                                                          tr("PNG image (*.png)"));
        if (!path.isEmpty()) {
            const QString error = exportContactSheet(path);
            status_->setText(error.isEmpty() ? tr("Saved %1").arg(path) : error);
        }
    });
    for (QComboBox* box : {trueFilter_, predictedFilter_, order_})
        connect(box, &QComboBox::currentIndexChanged, this, &AnalysisPage::applyFilter);
    for (QCheckBox* box : {includeCorrect_, changed_})
        connect(box, &QCheckBox::toggled, this, &AnalysisPage::applyFilter);
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
    auto* changedRow = new QHBoxLayout;
    changedRow->addWidget(changed_);
    changedRow->addWidget(changedSince_);
    changedRow->addStretch(1);
    filters->addLayout(changedRow, 1, 2, 1, 2);
    filters->addWidget(count_, 1, 4);
    filters->addWidget(exportSheet, 1, 5);

    auto* browse = new QSplitter(Qt::Horizontal);
    browse->addWidget(browser_);
    browse->addWidget(detail_);
    browse->setStretchFactor(0, 3);
    browse->setStretchFactor(1, 1);
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(browse, 1);
    return panel;
}

void AnalysisPage::updateAxisTitles() {
    const bool rowsPredicted = confusion_->notebookLayout();
    rowsTitle_->setText(rowsPredicted ? tr("Predicted class") : tr("True class"));
    columnsTitle_->setText(rowsPredicted ? tr("True class") : tr("Predicted class"));
}

void AnalysisPage::clear() {
    folder_.clear();
    epochs_.clear();
    shown_.clear();
    changedSinceEpoch_ = 0;
    predictionsProblem_.clear();
    confusion_->setMatrix({}, {});
    metrics_->setMatrix({}, {});
    predictions_->setPredictions({}, {});
    detail_->clear();
    epochSlider_->setEnabled(false);
    epochLabel_->clear();
    status_->setText(tr("The confusion matrix and the images behind it appear after the first "
                        "epoch of a run, or when a run is opened from the Runs page."));
}

void AnalysisPage::showRun(const QString& folder, const std::vector<std::string>& classNames,
                           const DatasetIdentity& data, const std::vector<EpochSummary>& epochs) {
    if (folder == folder_ && epochs.size() >= epochs_.size() && !epochs_.empty()) {
        // The same run, grown: keep the user's filters and position.
        for (std::size_t i = epochs_.size(); i < epochs.size(); ++i)
            addEpoch(epochs[i]);
        return;
    }
    folder_ = folder;
    classNames_.clear();
    for (const std::string& name : classNames)
        classNames_ << QString::fromStdString(name);
    data_ = data;
    epochs_ = epochs;
    for (QComboBox* box : {trueFilter_, predictedFilter_}) {
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(tr("any"), -1);
        for (int c = 0; c < classNames_.size(); ++c)
            box->addItem(classNames_[c], c);
    }
    loadImages();
    {
        const QSignalBlocker block(epochSlider_);
        epochSlider_->setRange(1, std::max(1, static_cast<int>(epochs_.size())));
        epochSlider_->setValue(epochSlider_->maximum());
    }
    showEpoch();
}

void AnalysisPage::addEpoch(const EpochSummary& epoch) {
    const bool atLatest = epochSlider_->value() == epochSlider_->maximum() || epochs_.empty();
    epochs_.push_back(epoch);
    {
        const QSignalBlocker block(epochSlider_);
        epochSlider_->setRange(1, static_cast<int>(epochs_.size()));
        if (atLatest)
            epochSlider_->setValue(epochSlider_->maximum());
    }
    if (atLatest)
        showEpoch();
}

void AnalysisPage::setEpoch(int epoch) {
    epochSlider_->setValue(epoch);
}

int AnalysisPage::epoch() const {
    return epochs_.empty() ? 0 : epochs_[static_cast<std::size_t>(epochSlider_->value() - 1)].epoch;
}

void AnalysisPage::loadImages() {
    const QString spec = QString::fromStdString(dataSpecOf(data_));
    if (spec == imagesSpec_ && (images_ || imageLoad_.isRunning()))
        return;
    imagesSpec_ = spec;
    images_.reset();
    imagesProblem_.clear();
    predictions_->setImages(nullptr);
    imageLoad_.waitForFinished();
    const DatasetIdentity expected = data_;
    imageLoad_.setFuture(QtConcurrent::run([expected]() {
        std::pair<std::shared_ptr<const std::vector<QImage>>, QString> result;
        try {
            const TestImages images = loadTestImages(expected);
            result.first = std::make_shared<const std::vector<QImage>>(
                PredictionListModel::convertImages(images));
            if (!expected.hash.empty() && images.identity.hash != expected.hash)
                result.second = tr("the data at %1 differ from the run's (identity %2, the run "
                                   "has %3): the images may not match the predictions")
                                    .arg(QString::fromStdString(images.identity.path),
                                         QString::fromStdString(images.identity.hash),
                                         QString::fromStdString(expected.hash));
        } catch (const InputError& e) {
            result.second =
                tr("test images unavailable: %1").arg(QString::fromStdString(e.oneLine()));
        } catch (const std::exception& e) {
            result.second = tr("test images unavailable: %1").arg(QString::fromUtf8(e.what()));
        }
        return result;
    }));
}

void AnalysisPage::showEpoch() {
    if (epochs_.empty())
        return;
    epochSlider_->setEnabled(epochs_.size() > 1);
    const EpochSummary& summary = epochs_[static_cast<std::size_t>(epochSlider_->value() - 1)];
    const QString accuracy = QString::number(100 * summary.testAccuracy, 'f', 2);
    epochLabel_->setText(
        summary.epoch == 0
            ? tr("imported weights · %1%").arg(accuracy)
            : tr("%1 of %2 · %3%").arg(summary.epoch).arg(summary.epochs).arg(accuracy));
    changedSince_->setRange(1, std::max(1, summary.epoch - 1));
    predictionsProblem_.clear();
    changedSinceEpoch_ = 0; // compared against other predictions now
    try {
        shown_ = readPredictions(predictionsPath(folder_, summary.epoch).toStdString());
    } catch (const InputError& e) {
        shown_.clear();
        predictionsProblem_ = QString::fromStdString(e.oneLine());
    }
    // The matrix of the epoch's metrics is there even when its predictions are not.
    const ConfusionMatrix matrix = shown_.empty() || summary.confusion.classes() > 0
                                       ? summary.confusion
                                       : confusionOf(shown_, static_cast<int>(classNames_.size()));
    confusion_->setMatrix(matrix, classNames_);
    metrics_->setMatrix(matrix, classNames_);
    predictions_->setPredictions(shown_, classNames_);
    applyFilter();
    showStatus();
}

void AnalysisPage::filterByCell(int trueClass, int predicted) {
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

void AnalysisPage::setChangedSince(int epoch) {
    changed_->setChecked(epoch > 0);
    if (epoch > 0)
        changedSince_->setValue(epoch);
    applyFilter();
}

void AnalysisPage::applyFilter() {
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
                    readPredictions(predictionsPath(folder_, changedSinceEpoch_).toStdString()),
                    shown_);
                changedIndices_ = std::set<std::int32_t>(changed.begin(), changed.end());
            } catch (const InputError& e) {
                changedIndices_.reset();
                status_->setText(QString::fromStdString(e.oneLine()));
            }
        }
        filter.onlyIndices = changedIndices_;
    }
    predictions_->setFilter(filter);
    count_->setText(tr("%n image(s)", nullptr, predictions_->rowCount()));
    detail_->clear();
    if (predictions_->rowCount() > 0) // the first image large, so the panel is never empty
        browser_->setCurrentIndex(predictions_->index(0));
}

void AnalysisPage::showStatus() {
    QStringList lines;
    if (!predictionsProblem_.isEmpty())
        lines << tr("No image browser for this epoch: %1").arg(predictionsProblem_);
    if (!imagesProblem_.isEmpty())
        lines << imagesProblem_;
    else if (!images_ && imageLoad_.isRunning())
        lines << tr("Loading the test images...");
    status_->setText(lines.join('\n'));
    status_->setStyleSheet(predictionsProblem_.isEmpty() && imagesProblem_.isEmpty()
                               ? QString()
                               : QStringLiteral("color: #b52a2a;"));
}

QString AnalysisPage::exportContactSheet(const QString& path) {
    const QImage sheet = renderContactSheet(*predictions_, kContactSheetColumns, kTileScale);
    if (sheet.isNull())
        return tr("%1: nothing to export, the selection is empty").arg(path);
    const QString error = writeFileSafely(path, [&sheet](const QString& temporary) {
        return sheet.save(temporary, "PNG") ? QString() : QStringLiteral("cannot write the PNG");
    });
    return error.isEmpty() ? QString() : path + QStringLiteral(": ") + error;
}

} // namespace inception::ui
