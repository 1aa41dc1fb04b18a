#pragma once

#include <QStyledItemDelegate>

namespace inception::ui {

// Paints the Cost column of the unit table: a bar for the unit's cost and a tick where the
// seed's unit is.
class CostBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace inception::ui
