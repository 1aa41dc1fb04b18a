#include "ui/analysis/PredictionTileDelegate.hpp"

#include "ui/analysis/PredictionListModel.hpp"
#include "ui/analysis/PredictionTile.hpp"

#include <QPainter>

namespace inception::ui {

PredictionTileDelegate::PredictionTileDelegate(QSize imageSize, QObject* parent)
    : QStyledItemDelegate(parent), imageSize_(imageSize) {}

QSize PredictionTileDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return tileSize(imageSize_ * kTileScale);
}

void PredictionTileDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const {
    painter->save();
    if (option.state & QStyle::State_Selected)
        painter->fillRect(option.rect, option.palette.highlight().color().lighter(160));
    const QSize image = imageSize_ * kTileScale;
    QRect area = option.rect;
    area.setLeft(area.left() + (area.width() - image.width() - 2 * kTilePadding) / 2);
    drawTile(*painter, area, index.data(PredictionListModel::ImageRole).value<QImage>(),
             index.data().toString(), index.data(PredictionListModel::ConfidenceRole).toDouble(),
             index.data(PredictionListModel::CorrectRole).toBool(), image, option.font);
    painter->restore();
}

} // namespace inception::ui
