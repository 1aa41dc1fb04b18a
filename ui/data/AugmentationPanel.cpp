#include "ui/data/AugmentationPanel.hpp"

#include "ui/common/ImageConversion.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/data/SampleGrid.hpp"

#include "core/data/DatasetSummary.hpp"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace inception::ui {

namespace {

constexpr std::size_t kPreviewClasses = 8;

} // namespace

AugmentationPanel::AugmentationPanel(QWidget* parent) : QWidget(parent) {
    cropPadding_ = new QSpinBox(this);
    cropPadding_->setObjectName(QStringLiteral("cropPadding"));
    cropPadding_->setRange(0, kMaxCropPadding);
    cropPadding_->setSuffix(tr(" px"));
    cropPadding_->setSpecialValueText(tr("off"));
    cropPadding_->setToolTip(tr("Random crops of the image's size from a copy padded with this "
                                "many black pixels a side (4 in torchvision's CIFAR examples)"));
    flip_ = new QCheckBox(tr("half the images, left to right"), this);
    flip_->setObjectName(QStringLiteral("horizontalFlip"));
    normalize_ = new QCheckBox(tr("by the training images' mean and std"), this);
    normalize_->setObjectName(QStringLiteral("normalize"));
    normalize_->setToolTip(tr("Per channel; the figures go into the run's model spec, so "
                              "evaluation and exports apply them too"));
    statistics_ = new QLabel(this);
    statistics_->setObjectName(QStringLiteral("normalizationFigures"));
    statistics_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statistics_->setWordWrap(true);
    auto* again = new QPushButton(tr("Draw &Again"), this);
    again->setToolTip(tr("Other random crops and flips for the preview"));
    connect(again, &QPushButton::clicked, this, &AugmentationPanel::drawAgain);
    auto* standard = new QPushButton(tr("CIFAR &Recipe"), this);
    standard->setToolTip(tr("4-pixel crops and flips, as inception-cli train --augment"));
    connect(standard, &QPushButton::clicked, this, [this] {
        AugmentOptions options = standardAugmentation();
        options.normalize = normalize_->isChecked();
        setAugmentation(options);
        emit changed(augmentation());
    });
    preview_ = new SampleGrid(this);
    preview_->setObjectName(QStringLiteral("augmentationPreview"));
    preview_->setTargetSide(36);

    auto* form = new QFormLayout;
    form->addRow(tr("Random &crop padding:"), cropPadding_);
    form->addRow(tr("Horizontal &flip:"), flip_);
    form->addRow(tr("&Normalise:"), normalize_);
    form->addRow(QString(), statistics_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(standard);
    buttons->addWidget(again);
    buttons->addStretch(1);
    form->addRow(QString(), buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    auto* caption =
        new QLabel(tr("Preview: training images only, test images are never changed."), this);
    caption->setWordWrap(true);
    layout->addWidget(caption);
    layout->addWidget(preview_);
    layout->addStretch(1);

    auto emitChange = [this] {
        if (updating_)
            return;
        updatePreview();
        emit changed(augmentation());
    };
    connect(cropPadding_, &QSpinBox::valueChanged, this, emitChange);
    connect(flip_, &QCheckBox::toggled, this, emitChange);
    connect(normalize_, &QCheckBox::toggled, this, emitChange);
    updatePreview();
}

AugmentOptions AugmentationPanel::augmentation() const {
    return {.cropPadding = cropPadding_->value(),
            .horizontalFlip = flip_->isChecked(),
            .normalize = normalize_->isChecked()};
}

void AugmentationPanel::setAugmentation(const AugmentOptions& options) {
    if (options == augmentation())
        return;
    updating_ = true;
    cropPadding_->setValue(options.cropPadding);
    flip_->setChecked(options.horizontalFlip);
    normalize_->setChecked(options.normalize);
    updating_ = false;
    updatePreview();
}

void AugmentationPanel::setSummary(std::shared_ptr<const DatasetSummary> summary) {
    summary_ = std::move(summary);
    updatePreview();
}

void AugmentationPanel::drawAgain() {
    ++draw_;
    updatePreview();
}

void AugmentationPanel::updatePreview() {
    const AugmentOptions options = augmentation();
    if (!summary_ || summary_->samplesPerClass == 0) {
        statistics_->setText(tr("mean and standard deviation: shown once data are loaded"));
        preview_->clear();
        return;
    }
    statistics_->setText(
        tr("mean (%1), std (%2) of pixels / 255")
            .arg(perChannelText(summary_->mean, 3), perChannelText(summary_->std, 3)));
    statistics_->setEnabled(options.normalize);
    // The first sample of each class, twice over: two draws of the same images.
    const ImageShape shape = summary_->shape;
    std::vector<std::uint8_t> originals;
    for (std::size_t c = 0; c < summary_->classNames.size() && c < kPreviewClasses; ++c)
        if (summary_->sampleCounts[c] > 0)
            originals.insert(originals.end(), summary_->sample(static_cast<int>(c), 0),
                             summary_->sample(static_cast<int>(c), 0) + shape.bytes());
    const auto count = static_cast<std::int64_t>(originals.size() / shape.bytes());
    std::vector<std::vector<QImage>> rows(3);
    for (int row = 0; row < 3; ++row) {
        std::vector<std::uint8_t> out(originals.size());
        if (row == 0)
            out = originals;
        else
            augmentImages(originals.data(), out.data(), count, shape, options,
                          batchSeed(draw_, 0, row));
        for (std::int64_t i = 0; i < count; ++i)
            rows[static_cast<std::size_t>(row)].push_back(
                toQImage(out.data() + shape.bytes() * static_cast<std::size_t>(i), shape));
    }
    preview_->setRows({tr("as stored"), tr("augmented"), tr("again")}, rows);
}

} // namespace inception::ui
