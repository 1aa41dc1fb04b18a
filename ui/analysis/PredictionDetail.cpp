#include "ui/analysis/PredictionDetail.hpp"

#include "ui/analysis/PredictionTile.hpp"
#include "ui/common/Palette.hpp"

#include <QPainter>

namespace inception::ui {

PredictionDetail::PredictionDetail(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("predictionDetail"));
    setMinimumSize(240, 180);
}

void PredictionDetail::show(const SamplePrediction& prediction, const QImage& image,
                            const QStringList& names) {
    prediction_ = prediction;
    image_ = image;
    names_ = names;
    has_ = true;
    update();
}

void PredictionDetail::clear() {
    has_ = false;
    update();
}

void PredictionDetail::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!has_) {
        p.setPen(Qt::gray);
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Select an image to see it large with its top-5 probabilities."));
        return;
    }
    // The picture shrinks before the five bars below it do.
    const int side = std::max(64, std::min({width() - 20, height() - 150, 192}));
    const QRect picture((width() - side) / 2, 10, side, side);
    if (image_.isNull())
        p.fillRect(picture, kMissingImage);
    else
        p.drawImage(picture, image_);
    auto name = [this](int c) { return c < names_.size() ? names_[c] : QString::number(c); };
    p.setPen(Qt::black);
    p.drawText(
        QRect(0, picture.bottom() + 4, width(), 20), Qt::AlignCenter,
        tr("Test image %1 · true: %2").arg(prediction_.index).arg(name(prediction_.trueClass)));
    int y = picture.bottom() + 28;
    const int labelWidth = 90;
    for (int k = 0; k < kTopPredictions; ++k) {
        const int c = prediction_.topClasses[static_cast<std::size_t>(k)];
        const double probability = prediction_.topProbabilities[static_cast<std::size_t>(k)];
        const QRect label(10, y, labelWidth, 18);
        p.setPen(c == prediction_.trueClass ? kCorrectFrame : Qt::black);
        p.drawText(label, Qt::AlignVCenter | Qt::AlignLeft, name(c));
        const int barWidth = width() - labelWidth - 70;
        const QRect bar(10 + labelWidth, y + 3, static_cast<int>(barWidth * probability), 12);
        p.fillRect(QRect(10 + labelWidth, y + 3, barWidth, 12), QColor(235, 235, 235));
        p.fillRect(bar, c == prediction_.trueClass ? kCorrectFrame : palette::kTrain);
        p.setPen(Qt::black);
        p.drawText(QRect(10 + labelWidth + barWidth + 4, y, 60, 18),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   QStringLiteral("%1%").arg(100 * probability, 0, 'f', 1));
        y += 22;
    }
}

} // namespace inception::ui
