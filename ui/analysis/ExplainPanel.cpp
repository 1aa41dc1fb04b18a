#include "ui/analysis/ExplainPanel.hpp"

#include "core/explain/HeatMapImage.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/HeatMapView.hpp"
#include "ui/analysis/NeighbourStrip.hpp"
#include "ui/common/Palette.hpp"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

namespace inception::ui {

namespace {

// The colour scale's legend: low evidence on the left, high on the right.
QPixmap colourScale(int width, int height) {
    QImage scale(width, height, QImage::Format_RGB888);
    for (int x = 0; x < width; ++x) {
        const Rgb c = heatColour(static_cast<float>(x) / static_cast<float>(width - 1));
        for (int y = 0; y < height; ++y)
            scale.setPixelColor(x, y, QColor(c[0], c[1], c[2]));
    }
    return QPixmap::fromImage(scale);
}

constexpr int kPredictedItem = 0;
constexpr int kTrueItem = 1;

} // namespace

ExplainPanel::ExplainPanel(ExplainService* service, QWidget* parent)
    : QWidget(parent), service_(service) {
    setObjectName(QStringLiteral("explainPanel"));
    target_ = new QComboBox;
    target_->setObjectName(QStringLiteral("gradCamClass"));
    target_->setToolTip(tr("The class whose evidence the map shows"));
    unit_ = new QComboBox;
    unit_->setObjectName(QStringLiteral("gradCamUnit"));
    unit_->setToolTip(tr("The Inception unit whose output the map is of (numbered as on the "
                         "Model page); later units see more, earlier ones finer"));
    opacity_ = new QSlider(Qt::Horizontal);
    opacity_->setObjectName(QStringLiteral("gradCamOpacity"));
    opacity_->setRange(0, 100);
    opacity_->setValue(50);
    opacity_->setToolTip(tr("How strongly the map covers the image"));
    heatMap_ = new HeatMapView;
    heatMap_->setToolTip(tr("Grad-CAM: where the chosen class's evidence lies"));
    neighbours_ = new NeighbourStrip;
    status_ = new QLabel;
    status_->setWordWrap(true);
    auto* scale = new QLabel;
    scale->setPixmap(colourScale(72, 10));
    scale->setToolTip(tr("viridis: low evidence (dark purple) to high (yellow)"));

    auto* controls = new QGridLayout;
    controls->addWidget(new QLabel(tr("Grad-CAM of")), 0, 0);
    controls->addWidget(target_, 0, 1, 1, 3);
    controls->addWidget(new QLabel(tr("at")), 1, 0);
    controls->addWidget(unit_, 1, 1, 1, 3);
    controls->addWidget(new QLabel(tr("Opacity")), 2, 0);
    controls->addWidget(opacity_, 2, 1, 1, 2);
    controls->addWidget(scale, 2, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(heatMap_, 1);
    auto* nearest = new QLabel(tr("<b>Nearest training images</b>"));
    nearest->setToolTip(tr("By the features the classifier sees; framed: labelled as the image "
                           "is predicted"));
    layout->addWidget(nearest);
    layout->addWidget(neighbours_);
    layout->addWidget(status_);

    connect(target_, &QComboBox::currentIndexChanged, this, &ExplainPanel::requestMap);
    connect(unit_, &QComboBox::currentIndexChanged, this, &ExplainPanel::requestMap);
    connect(opacity_, &QSlider::valueChanged, this,
            [this](int value) { heatMap_->setOpacity(value / 100.0); });
    connect(service_, &ExplainService::gradCamReady, this,
            [this](qint64 index, std::shared_ptr<const GradCamResult> result) {
                if (index != index_)
                    return;
                heatMap_->setMap(*result);
                const int c = result->targetClass;
                mapText_ =
                    tr("Map of %1 at unit %2: %3% probability")
                        .arg(c < classNames_.size() ? classNames_[c] : QString::number(c))
                        .arg(result->unit)
                        .arg(100.0 * result->probabilities[static_cast<std::size_t>(c)], 0, 'f', 1);
                status_->setText(mapText_);
                status_->setStyleSheet({});
            });
    connect(service_, &ExplainService::neighboursReady, this,
            [this](qint64 index, std::shared_ptr<const NeighbourImages> found) {
                if (index != index_)
                    return;
                neighbours_->setNeighbours(*found, classNames_, predicted_);
                status_->setText(mapText_);
            });
    connect(service_, &ExplainService::progress, this,
            [this](const QString& what, qint64 done, qint64 total) {
                if (what != ExplainService::featuresStep())
                    return; // another view's progress (ablation)
                status_->setText(tr("%1: %2 of %3...").arg(what).arg(done).arg(total));
                status_->setStyleSheet({});
            });
    connect(service_, &ExplainService::failed, this, [this](const QString& message) {
        status_->setText(message);
        status_->setStyleSheet(palette::errorTextStyle());
    });
    setClassNames({});
}

void ExplainPanel::setClassNames(const QStringList& classNames) {
    classNames_ = classNames;
    const QSignalBlocker block(target_);
    const int was = target_->currentIndex();
    target_->clear();
    target_->addItem(tr("the predicted class"));
    target_->addItem(tr("the true class"));
    for (const QString& name : classNames)
        target_->addItem(name);
    target_->setCurrentIndex(std::max(0, std::min(was, target_->count() - 1)));
}

void ExplainPanel::setUnits(int count) {
    if (count == units_ && unit_->count() > 0)
        return;
    units_ = count;
    const QSignalBlocker block(unit_);
    unit_->clear();
    if (count <= 0)
        unit_->addItem(tr("the last unit"), -1);
    for (int u = 0; u < count; ++u)
        unit_->addItem(u == count - 1 ? tr("unit %1 (the last)").arg(u) : tr("unit %1").arg(u), u);
    unit_->setCurrentIndex(unit_->count() - 1);
}

int ExplainPanel::chosenTarget() const {
    switch (target_->currentIndex()) {
    case kPredictedItem:
        return kPredictedClass;
    case kTrueItem:
        return trueClass_;
    default:
        return target_->currentIndex() - 2;
    }
}

int ExplainPanel::chosenUnit() const {
    return unit_->currentData().toInt(); // -1: the last, whatever the model has
}

void ExplainPanel::showTestImage(qint64 index, int trueClass, int predicted, const QImage& image) {
    const bool sameImage = index == index_;
    index_ = index;
    trueClass_ = trueClass;
    predicted_ = predicted;
    heatMap_->setImage(image);
    if (!sameImage)
        neighbours_->clear();
    if (index < 0)
        return;
    requestMap();
    service_->requestNeighbours(index);
}

void ExplainPanel::clear() {
    index_ = -1;
    heatMap_->setImage({});
    neighbours_->clear();
    status_->clear();
    mapText_.clear();
}

void ExplainPanel::requestMap() {
    if (index_ < 0)
        return;
    heatMap_->clearMap();
    service_->requestGradCam(index_, chosenTarget(), chosenUnit());
}

} // namespace inception::ui
