#include "ui/analysis/HeatmapDelegate.hpp"

#include "ui/analysis/ConfusionMatrixModel.hpp"

#include <QPainter>

#include <algorithm>

namespace inception::ui {

void HeatmapDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    const double rate = index.data(ConfusionMatrixModel::kRateRole).toDouble();
    const bool diagonal = index.data(ConfusionMatrixModel::kDiagonalRole).toBool();
    // Mistakes are rarer than hits: their scale saturates at half of the class.
    const double shade = diagonal ? rate : std::min(1.0, 2.0 * rate);
    const QColor full = diagonal ? QColor(0, 140, 80) : QColor(0, 90, 170);
    const QColor fill =
        QColor::fromRgbF(1.0 - shade * (1.0 - full.redF()), 1.0 - shade * (1.0 - full.greenF()),
                         1.0 - shade * (1.0 - full.blueF()));
    painter->fillRect(option.rect, fill);
    if (option.state & QStyle::State_Selected) {
        painter->setPen(QPen(Qt::black, 2));
        painter->drawRect(option.rect.adjusted(1, 1, -1, -1));
    }
    painter->setPen(shade > 0.55 ? Qt::white : Qt::black);
    QFont font = option.font;
    font.setBold(diagonal);
    painter->setFont(font);
    painter->drawText(option.rect, Qt::AlignCenter, index.data().toString());
}

} // namespace inception::ui
