#pragma once

#include <QStyledItemDelegate>

namespace inception::ui {

// Paints a confusion cell: white to blue by rate for mistakes, white to green on the
// diagonal, the number on top.
class HeatmapDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace inception::ui
