#include "ui/PredictionTiles.hpp"

#include "core/PredictionAnalysis.hpp"
#include "ui/Palette.hpp"
#include "ui/PredictionListModel.hpp"

#include <QPainter>

namespace inception::ui {

namespace {
constexpr int kLabelHeight = 30;
constexpr int kPadding = 4;
const QColor kMistake(200, 40, 40);
const QColor kCorrect(0, 140, 80);

// Draws one tile (image and two label lines) into `area`.
void drawTile(QPainter& p, const QRect& area, const QImage& image, const QString& classes,
              double confidence, bool correct, QSize imageSize, const QFont& font) {
    const QRect picture(area.left() + kPadding, area.top() + kPadding, imageSize.width(),
                        imageSize.height());
    if (image.isNull())
        p.fillRect(picture, QColor(225, 225, 225));
    else
        p.drawImage(picture, image); // no smooth transform: pixel-crisp
    p.setPen(QPen(correct ? kCorrect : kMistake, 2));
    p.drawRect(picture.adjusted(-1, -1, 0, 0));
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    p.setFont(small);
    p.setPen(Qt::black);
    const QRect text(area.left(), picture.bottom() + 2, area.width(), kLabelHeight);
    p.drawText(text, Qt::AlignHCenter | Qt::AlignTop,
               QStringLiteral("%1\n%2%").arg(classes).arg(100 * confidence, 0, 'f', 0));
}

} // namespace

PredictionTileDelegate::PredictionTileDelegate(QSize imageSize, QObject* parent)
    : QStyledItemDelegate(parent), imageSize_(imageSize) {}

QSize PredictionTileDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    const QSize image = imageSize_ * kTileScale;
    return {std::max(image.width(), 90) + 2 * kPadding,
            image.height() + kLabelHeight + 2 * kPadding};
}

void PredictionTileDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const {
    painter->save();
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, option.palette.highlight().color().lighter(160));
    const QSize image = imageSize_ * kTileScale;
    QRect area = option.rect;
    area.setLeft(area.left() + (area.width() - image.width() - 2 * kPadding) / 2);
    drawTile(*painter, area, index.data(PredictionListModel::ImageRole).value<QImage>(),
             index.data().toString(), index.data(PredictionListModel::ConfidenceRole).toDouble(),
             index.data(PredictionListModel::CorrectRole).toBool(), image, option.font);
    painter->restore();
}

PredictionDetail::PredictionDetail(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("predictionDetail"));
    setMinimumSize(260, 330);
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
    const int side = std::min(width() - 20, 192);
    const QRect picture((width() - side) / 2, 10, side, side);
    if (image_.isNull())
        p.fillRect(picture, QColor(225, 225, 225));
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
        p.setPen(c == prediction_.trueClass ? kCorrect : Qt::black);
        p.drawText(label, Qt::AlignVCenter | Qt::AlignLeft, name(c));
        const int barWidth = width() - labelWidth - 70;
        const QRect bar(10 + labelWidth, y + 3, static_cast<int>(barWidth * probability), 12);
        p.fillRect(QRect(10 + labelWidth, y + 3, barWidth, 12), QColor(235, 235, 235));
        p.fillRect(bar, c == prediction_.trueClass ? kCorrect : palette::kTrain);
        p.setPen(Qt::black);
        p.drawText(QRect(10 + labelWidth + barWidth + 4, y, 60, 18),
                   Qt::AlignVCenter | Qt::AlignLeft,
                   QStringLiteral("%1%").arg(100 * probability, 0, 'f', 1));
        y += 22;
    }
}

QImage renderContactSheet(const PredictionListModel& model, int columns, int scale) {
    const int count = std::min(model.rowCount(), kContactSheetMaxTiles);
    if (count == 0)
        return {};
    QImage first;
    for (int row = 0; row < count && first.isNull(); ++row)
        first = model.imageOf(model.predictionAt(row));
    const QSize image = (first.isNull() ? QSize(32, 32) : first.size()) * scale;
    const QSize tile(std::max(image.width(), 90) + 2 * kPadding,
                     image.height() + kLabelHeight + 2 * kPadding);
    const int rows = (count + columns - 1) / columns;
    QImage sheet(tile.width() * std::min(columns, count), tile.height() * rows,
                 QImage::Format_RGB32);
    sheet.fill(Qt::white);
    QPainter p(&sheet);
    const QFont font;
    for (int i = 0; i < count; ++i) {
        const SamplePrediction& prediction = model.predictionAt(i);
        QRect area(QPoint((i % columns) * tile.width(), (i / columns) * tile.height()), tile);
        area.setLeft(area.left() + (tile.width() - image.width() - 2 * kPadding) / 2);
        drawTile(p, area, model.imageOf(prediction), model.data(model.index(i)).toString(),
                 confidence(prediction), prediction.trueClass == prediction.predicted, image, font);
    }
    return sheet;
}

} // namespace inception::ui
