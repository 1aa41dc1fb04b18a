#include "ui/analysis/AnalysisPage.hpp"

#include "core/base/InputError.hpp"
#include "core/data/TestImages.hpp"
#include "core/evaluation/PredictionAnalysis.hpp"
#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "ui/analysis/BranchAblationPanel.hpp"
#include "ui/analysis/ConfusionPanel.hpp"
#include "ui/analysis/ExplainPanel.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/PrecisionRecallPanel.hpp"
#include "ui/analysis/PredictionBrowser.hpp"
#include "ui/analysis/PredictionListModel.hpp"
#include "ui/analysis/TryImagesDialog.hpp"
#include "ui/common/Palette.hpp"

#include <QCheckBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace inception::ui {

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
    explain_ = new ExplainService(this);
    explained_ = new QLabel;
    explained_->setObjectName(QStringLiteral("explainedCheckpoint"));
    auto* tryImagesButton = new QPushButton(tr("Try Images..."));
    tryImagesButton->setToolTip(tr("See your own images as the model sees them, with their "
                                   "top-5 and Grad-CAM (or drop image files on this page)"));
    connect(tryImagesButton, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Try Images"), {},
            tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)"));
        if (!files.isEmpty())
            tryImages(files);
    });
    setAcceptDrops(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Epoch:")));
    top->addWidget(epochSlider_, 1);
    top->addWidget(epochLabel_);
    top->addSpacing(12);
    top->addWidget(rates_);
    top->addWidget(notebookLayout_);

    confusionPanel_ = new ConfusionPanel;
    browserPanel_ = new PredictionBrowser(explain_);
    ablation_ = new BranchAblationPanel(explain_);
    precisionRecall_ = new PrecisionRecallPanel;
    views_ = new QTabWidget;
    views_->setObjectName(QStringLiteral("analysisViews"));
    views_->addTab(confusionPanel_, tr("Confusion"));
    views_->addTab(precisionRecall_, tr("Precision-Recall"));
    views_->addTab(ablation_, tr("Branch Ablation"));
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(views_);
    split->addWidget(browserPanel_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 700});
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    auto* info = new QHBoxLayout;
    info->addWidget(status_, 1);
    info->addWidget(explained_);
    info->addWidget(tryImagesButton);
    layout->addLayout(info);
    layout->addWidget(split, 1);

    connect(epochSlider_, &QSlider::valueChanged, this, [this] { showEpoch(); });
    connect(rates_, &QCheckBox::toggled, confusionPanel_, &ConfusionPanel::setShowRates);
    connect(notebookLayout_, &QCheckBox::toggled, confusionPanel_,
            &ConfusionPanel::setNotebookLayout);
    connect(confusionPanel_, &ConfusionPanel::cellChosen, browserPanel_,
            &PredictionBrowser::filterByCell);
    connect(browserPanel_, &PredictionBrowser::statusMessage, this,
            [this](const QString& text, bool problem) {
                status_->setText(text);
                status_->setStyleSheet(problem ? palette::errorTextStyle() : QString());
            });
    connect(&imageLoad_, &QFutureWatcher<void>::finished, this, &AnalysisPage::imagesArrived);
    connect(ablation_, &BranchAblationPanel::varyRequested, this,
            [this](const QString& field, const QString& values) {
                emit varyRequested(spec_, field, values);
            });
    connect(explain_, &ExplainService::ablationReady, this,
            [this](std::shared_ptr<const AblationReport> report, const QStringList&) {
                QHash<QString, QString> findings;
                for (const BranchEffect& b : report->branches)
                    if (b.shrinkCandidate)
                        findings.insert(
                            QString::fromStdString(b.field),
                            tr("a candidate to shrink: %1 M MACs, %2 points of accuracy lost "
                               "without it (branch ablation of %3)")
                                .arg(static_cast<double>(b.macs) / 1e6, 0, 'f', 2)
                                .arg(100 * (report->accuracy - b.accuracy), 0, 'f', 1)
                                .arg(QFileInfo(folder_).fileName()));
                emit shrinkCandidatesFound(spec_, findings);
            });
    connect(browserPanel_, &PredictionBrowser::suspectsRequested, explain_,
            &ExplainService::requestSuspects);
    connect(explain_, &ExplainService::suspectsReady, this,
            [this](std::shared_ptr<const SuspectSearch> search) {
                std::vector<std::int32_t> ranked;
                for (const SuspectLabel& s : search->suspects)
                    ranked.push_back(static_cast<std::int32_t>(s.index));
                browserPanel_->setSuspects(std::move(ranked));
                status_->setText(tr("%n suspect label(s) among the test images (confident "
                                    "learning on the explained checkpoint's probabilities)",
                                    nullptr, static_cast<int>(search->suspects.size())));
                status_->setStyleSheet({});
            });
    clear();
}

AnalysisPage::~AnalysisPage() {
    imageLoad_.waitForFinished();
}

QTableView* AnalysisPage::matrix() const {
    return confusionPanel_->heatmap();
}
ConfusionMatrixModel* AnalysisPage::confusion() const {
    return confusionPanel_->confusion();
}
ClassMetricsModel* AnalysisPage::metrics() const {
    return confusionPanel_->metrics();
}
QTableView* AnalysisPage::metricsView() const {
    return confusionPanel_->metricsView();
}
PredictionListModel* AnalysisPage::predictions() const {
    return browserPanel_->predictions();
}
QListView* AnalysisPage::browser() const {
    return browserPanel_->browser();
}
PredictionDetail* AnalysisPage::detail() const {
    return browserPanel_->detail();
}

void AnalysisPage::clear() {
    folder_.clear();
    explain_->setSubject({}, {});
    explained_->clear();
    ablation_->clear();
    epochs_.clear();
    predictionsProblem_.clear();
    confusionPanel_->setMatrix({}, {});
    browserPanel_->clear();
    epochSlider_->setEnabled(false);
    epochLabel_->clear();
    status_->setText(tr("The confusion matrix and the images behind it appear after the first "
                        "epoch of a run, or when a run is opened from the Runs page."));
}

void AnalysisPage::showRun(const QString& folder, const std::vector<std::string>& classNames,
                           const DatasetIdentity& data, const std::vector<EpochSummary>& epochs,
                           const ModelSpec& spec) {
    spec_ = spec;
    if (!spec.units.empty())
        browserPanel_->explainPanel()->setUnits(static_cast<int>(spec.units.size()));
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
    browserPanel_->setClassNames(classNames_);
    ablation_->clear();
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
    browserPanel_->setImages(nullptr);
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

void AnalysisPage::imagesArrived() {
    auto [images, problem] = imageLoad_.result();
    images_ = images;
    imagesProblem_ = problem;
    browserPanel_->setImages(images_);
    showStatus();
    emit imagesLoadedChanged();
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
    predictionsProblem_.clear();
    std::vector<SamplePrediction> shown;
    try {
        shown = readPredictions(runPredictions(folder_.toStdString(), summary.epoch));
    } catch (const InputError& e) {
        predictionsProblem_ = QString::fromStdString(e.oneLine());
    }
    // The matrix of the epoch's metrics is there even when its predictions are not.
    const ConfusionMatrix matrix = shown.empty() || summary.confusion.classes() > 0
                                       ? summary.confusion
                                       : confusionOf(shown, static_cast<int>(classNames_.size()));
    confusionPanel_->setMatrix(matrix, classNames_);
    precisionRecall_->setPredictions(shown, classNames_);
    browserPanel_->showPredictions(folder_, summary.epoch, std::move(shown));
    // The best checkpoint changes as the run trains; the explain views follow it.
    const auto [checkpoint, checkpointEpoch] = explainedCheckpointAndEpoch();
    const bool otherWeights =
        checkpoint != explain_->checkpoint() || checkpointEpoch != explain_->epoch();
    explain_->setSubject(checkpoint, QString::fromStdString(dataSpecOf(data_)), checkpointEpoch);
    if (otherWeights) {
        browserPanel_->forgetSuspects();
        ablation_->clear();
    }
    explained_->setText(checkpoint.isEmpty() ? tr("No checkpoint to explain yet")
                        : checkpointEpoch == summary.epoch
                            ? tr("Explained: epoch %1 (%2)")
                                  .arg(checkpointEpoch)
                                  .arg(QFileInfo(checkpoint).fileName())
                            : tr("Explained: epoch %1 (%2), not the one shown")
                                  .arg(checkpointEpoch)
                                  .arg(QFileInfo(checkpoint).fileName()));
    explained_->setToolTip(tr("Grad-CAM, neighbours, suspect labels, branch ablation and tried "
                              "images ask this checkpoint; the run keeps its last and its best "
                              "epoch's weights"));
    showStatus();
}

void AnalysisPage::filterByCell(int trueClass, int predicted) {
    browserPanel_->filterByCell(trueClass, predicted);
}

void AnalysisPage::setChangedSince(int epoch) {
    browserPanel_->setChangedSince(epoch);
}

QString AnalysisPage::exportContactSheet(const QString& path) {
    return browserPanel_->exportContactSheet(path);
}

QString AnalysisPage::explainedCheckpoint() const {
    return explainedCheckpointAndEpoch().first;
}

std::pair<QString, int> AnalysisPage::explainedCheckpointAndEpoch() const {
    if (folder_.isEmpty() || epochs_.empty())
        return {};
    // The run keeps the last epoch's weights and the best epoch's (the first at the highest
    // test accuracy): the shown epoch's own when it is one of them, else the best.
    const auto best = std::max_element(epochs_.begin(), epochs_.end(),
                                       [](const EpochSummary& a, const EpochSummary& b) {
                                           return a.testAccuracy < b.testAccuracy;
                                       });
    const bool lastShown = epoch() == epochs_.back().epoch;
    const std::pair<RunCheckpoint, int> choices[] = {
        {lastShown ? RunCheckpoint::Last : RunCheckpoint::Best,
         lastShown ? epochs_.back().epoch : best->epoch},
        {lastShown ? RunCheckpoint::Best : RunCheckpoint::Last,
         lastShown ? best->epoch : epochs_.back().epoch}};
    for (const auto& [which, epoch] : choices) {
        const QString path = QString::fromStdString(runCheckpoint(folder_.toStdString(), which));
        if (QFileInfo::exists(path))
            return {path, epoch};
    }
    return {};
}

void AnalysisPage::tryImages(const QStringList& paths) {
    if (explain_->checkpoint().isEmpty()) {
        status_->setText(tr("Open a run with a checkpoint first: its model tries the images."));
        status_->setStyleSheet(palette::errorTextStyle());
        return;
    }
    auto* dialog = new TryImagesDialog(explain_, classNames_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->tryFiles(TryImagesDialog::imageFiles(paths));
}

void AnalysisPage::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void AnalysisPage::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    tryImages(paths);
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
                               : palette::errorTextStyle());
}

} // namespace inception::ui
