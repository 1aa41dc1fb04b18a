#include "ui/analysis/PredictionTile.hpp"

#include <QPainter>

#include <algorithm>

namespace inception::ui {

QSize tileSize(QSize image) {
    return {std::max(image.width(), 90) + 2 * kTilePadding,
            image.height() + kTileLabelHeight + 2 * kTilePadding};
}

void drawTile(QPainter& p, const QRect& area, const QImage& image, const QString& classes,
              double confidence, bool correct, QSize imageSize, const QFont& font) {
    const QRect picture(area.left() + kTilePadding, area.top() + kTilePadding, imageSize.width(),
                        imageSize.height());
    if (image.isNull())
        p.fillRect(picture, kMissingImage);
    else
        p.drawImage(picture, image); // no smooth transform: pixel-crisp
    p.setPen(QPen(correct ? kCorrectFrame : kMistakeFrame, 2));
    p.drawRect(picture.adjusted(-1, -1, 0, 0));
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    p.setFont(small);
    p.setPen(Qt::black);
    const QRect text(area.left(), picture.bottom() + 2, area.width(), kTileLabelHeight);
    p.drawText(text, Qt::AlignHCenter | Qt::AlignTop,
               QStringLiteral("%1\n%2%").arg(classes).arg(100 * confidence, 0, 'f', 0));
}

} // namespace inception::ui
