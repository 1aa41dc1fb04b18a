#pragma once

#include <QStyledItemDelegate>

namespace inception::ui {

// A browser tile: the image scaled up pixel-crisp (nearest neighbour), the true and
// predicted class and the confidence under it, a red frame for a mistake.
class PredictionTileDelegate : public QStyledItemDelegate {
public:
    explicit PredictionTileDelegate(QSize imageSize, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QSize imageSize_;
};

} // namespace inception::ui
