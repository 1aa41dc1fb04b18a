#include "ui/analysis/ContactSheet.hpp"

#include "core/evaluation/PredictionAnalysis.hpp"
#include "ui/analysis/PredictionListModel.hpp"
#include "ui/analysis/PredictionTile.hpp"

#include <QPainter>

#include <algorithm>

namespace inception::ui {

QImage renderContactSheet(const PredictionListModel& model, int columns, int scale) {
    const int count = std::min(model.rowCount(), kContactSheetMaxTiles);
    if (count == 0)
        return {};
    QImage first;
    for (int row = 0; row < count && first.isNull(); ++row)
        first = model.imageOf(model.predictionAt(row));
    const QSize image = (first.isNull() ? QSize(32, 32) : first.size()) * scale;
    const QSize tile = tileSize(image);
    const int rows = (count + columns - 1) / columns;
    QImage sheet(tile.width() * std::min(columns, count), tile.height() * rows,
                 QImage::Format_RGB32);
    sheet.fill(Qt::white);
    QPainter p(&sheet);
    const QFont font;
    for (int i = 0; i < count; ++i) {
        const SamplePrediction& prediction = model.predictionAt(i);
        QRect area(QPoint((i % columns) * tile.width(), (i / columns) * tile.height()), tile);
        area.setLeft(area.left() + (tile.width() - image.width() - 2 * kTilePadding) / 2);
        drawTile(p, area, model.imageOf(prediction), model.data(model.index(i)).toString(),
                 confidence(prediction), prediction.trueClass == prediction.predicted, image, font);
    }
    return sheet;
}

} // namespace inception::ui
