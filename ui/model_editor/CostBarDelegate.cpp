#include "ui/model_editor/CostBarDelegate.hpp"

#include "ui/common/Palette.hpp"
#include "ui/model_editor/UnitTableModel.hpp"

#include <QPainter>
#include <QPointF>

#include <algorithm>

namespace inception::ui {

void CostBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QVariant value = index.data(UnitTableModel::kCostRole);
    if (!value.isValid())
        return;
    const QPointF shares = value.toPointF();
    const QRect area = option.rect.adjusted(4, 5, -4, -5);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QRect bar = area;
    bar.setWidth(static_cast<int>(area.width() * std::clamp(shares.x(), 0.0, 1.0)));
    painter->fillRect(bar, palette::kTrain);
    if (shares.y() >= 0) {
        const int x =
            area.left() + static_cast<int>(area.width() * std::clamp(shares.y(), 0.0, 1.0));
        painter->setPen(QPen(palette::kTest, 2));
        painter->drawLine(x, option.rect.top() + 2, x, option.rect.bottom() - 2);
    }
    painter->restore();
}

} // namespace inception::ui
