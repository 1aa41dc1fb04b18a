#include "ui/analysis/AxisTitle.hpp"

#include <QPainter>

namespace inception::ui {

AxisTitle::AxisTitle(QWidget* parent) : QWidget(parent) {
    setFixedWidth(22);
}

void AxisTitle::setText(const QString& text) {
    text_ = text;
    update();
}

void AxisTitle::paintEvent(QPaintEvent*) {
    QPainter p(this);
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    p.translate(0, height());
    p.rotate(-90);
    p.drawText(QRect(0, 0, height(), width()), Qt::AlignCenter, text_);
}

} // namespace inception::ui
