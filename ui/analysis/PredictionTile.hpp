#pragma once

#include <QColor>
#include <QImage>
#include <QRect>
#include <QString>

class QFont;
class QPainter;

namespace inception::ui {

// One test image as the browser, the contact sheet and the detail draw it.

// Pixels per image pixel in the browser: 32x32 CIFAR images become 96x96 tiles.
constexpr int kTileScale = 3;
constexpr int kTileLabelHeight = 30;
constexpr int kTilePadding = 4;
inline const QColor kMistakeFrame{200, 40, 40};
inline const QColor kCorrectFrame{0, 140, 80};
inline const QColor kMissingImage{225, 225, 225};

// The tile around an image of `image` pixels (already scaled): the image, padding, two lines.
QSize tileSize(QSize image);

// Draws one tile (image and two label lines: the classes and the confidence) into `area`,
// with a red frame for a mistake and a green one for a hit.
void drawTile(QPainter& p, const QRect& area, const QImage& image, const QString& classes,
              double confidence, bool correct, QSize imageSize, const QFont& font);

} // namespace inception::ui
