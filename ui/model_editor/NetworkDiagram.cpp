#include "ui/model_editor/NetworkDiagram.hpp"

#include "ui/common/Palette.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace inception::ui {

namespace {
constexpr int kBlockHeight = 54;
constexpr int kGap = 14;
constexpr int kMargin = 10;
const QColor kBranchColours[] = {{86, 180, 233}, {230, 159, 0}, {0, 158, 115}, {204, 121, 167}};
} // namespace

NetworkDiagram::NetworkDiagram(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("networkDiagram"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setCursor(Qt::PointingHandCursor);
}

void NetworkDiagram::setSpec(const ModelSpec& spec) {
    spec_ = spec;
    if (selected_ >= static_cast<int>(spec_.units.size()))
        selected_ = -1;
    updateGeometry();
    update();
}

void NetworkDiagram::setSelectedUnit(int unit) {
    selected_ = unit;
    update();
}

QStringList NetworkDiagram::branchLabels(int unit) const {
    if (unit < 0 || unit >= static_cast<int>(spec_.units.size()))
        return {};
    const InceptionSpec& u = spec_.units[static_cast<std::size_t>(unit)];
    return {QStringLiteral("1x1 · %1").arg(u.out1x1),
            QStringLiteral("3x3 · %1→%2").arg(u.reduce3x3).arg(u.out3x3),
            QStringLiteral("5x5 · %1→%2").arg(u.reduce5x5).arg(u.out5x5),
            QStringLiteral("pool · %1").arg(u.poolProj)};
}

QRect NetworkDiagram::blockRect(int block) const {
    return {kMargin, kMargin + block * (kBlockHeight + kGap), width() - 2 * kMargin, kBlockHeight};
}

QRect NetworkDiagram::unitRect(int unit) const {
    return blockRect(2 + unit);
}

int NetworkDiagram::unitAt(const QPoint& point) const {
    for (int unit = 0; unit < static_cast<int>(spec_.units.size()); ++unit)
        if (unitRect(unit).contains(point))
            return unit;
    return -1;
}

QSize NetworkDiagram::sizeHint() const {
    const int blocks = static_cast<int>(spec_.units.size()) + 3;
    return {380, 2 * kMargin + blocks * kBlockHeight + (blocks - 1) * kGap};
}

QSize NetworkDiagram::minimumSizeHint() const {
    return {260, sizeHint().height()};
}

void NetworkDiagram::mousePressEvent(QMouseEvent* event) {
    const int unit = unitAt(event->position().toPoint());
    if (unit >= 0) {
        setSelectedUnit(unit);
        emit unitClicked(unit);
    }
}

void NetworkDiagram::drawBox(QPainter& p, const QRect& r, const QColor& fill,
                             const QString& text) const {
    p.setPen(QPen(fill.darker(140), 1));
    p.setBrush(fill);
    p.drawRoundedRect(r, 6, 6);
    p.setFont(font());
    p.setPen(Qt::black);
    p.drawText(r.adjusted(6, 2, -6, -2), Qt::AlignCenter | Qt::TextWordWrap, text);
}

void NetworkDiagram::drawArrowBelow(QPainter& p, int block, const QString& label) const {
    static const QColor line(120, 120, 120);
    const QRect a = blockRect(block);
    const int x = a.center().x();
    p.setPen(QPen(line, 1.5));
    p.drawLine(x, a.bottom() + 1, x, a.bottom() + kGap - 3);
    QPainterPath head;
    head.moveTo(x - 4, a.bottom() + kGap - 7);
    head.lineTo(x + 4, a.bottom() + kGap - 7);
    head.lineTo(x, a.bottom() + kGap - 1);
    head.closeSubpath();
    p.fillPath(head, line);
    if (label.isEmpty())
        return;
    QFont small = p.font();
    small.setPointSizeF(p.font().pointSizeF() * 0.8);
    p.setFont(small);
    p.drawText(QRect(x + 8, a.bottom() + 1, a.width() / 2, kGap - 1),
               Qt::AlignVCenter | Qt::AlignLeft, label);
}

QString NetworkDiagram::stemText() const {
    const StemSpec& stem = spec_.stem;
    QString text =
        tr("Stem: conv %1x%1/%2 → %3").arg(stem.kernel).arg(stem.stride).arg(stem.outChannels);
    if (spec_.batchNorm)
        text += tr(", BN");
    if (stem.localResponseNorm)
        text += tr(", LRN");
    if (stem.maxPool)
        text += tr(", max pool");
    return text;
}

void NetworkDiagram::drawUnit(QPainter& p, int unit, const QFont& small) const {
    const InceptionSpec& u = spec_.units[static_cast<std::size_t>(unit)];
    const QRect area = unitRect(unit);
    if (unit == selected_) {
        QColor halo = palette::kTrain;
        halo.setAlpha(30);
        p.setPen(QPen(palette::kTrain, 2));
        p.setBrush(halo);
        p.drawRoundedRect(area.adjusted(-4, -4, 4, 4), 8, 8);
    }
    // Branch widths grow with the square root of their channels, so that a branch of 16
    // stays readable beside one of 128.
    const int channels[] = {u.out1x1, u.out3x3, u.out5x5, u.poolProj};
    double weights[4];
    double total = 0;
    for (int b = 0; b < 4; ++b)
        total += weights[b] = std::sqrt(std::max(1, channels[b]));
    const QStringList labels = branchLabels(unit);
    const int labelWidth = 54;
    p.setFont(small);
    p.setPen(Qt::black);
    p.drawText(QRect(area.left(), area.top(), labelWidth, area.height()),
               Qt::AlignVCenter | Qt::AlignLeft,
               tr("Unit %1\n→ %2").arg(unit).arg(u.outChannels()));
    const int available = area.width() - labelWidth - 3 * 4;
    int x = area.left() + labelWidth;
    for (int b = 0; b < 4; ++b) {
        const int w = b == 3 ? area.right() - x : static_cast<int>(available * weights[b] / total);
        const QRect r(x, area.top(), std::max(w, 8), area.height());
        p.setPen(QPen(kBranchColours[b].darker(130), 1));
        p.setBrush(kBranchColours[b].lighter(125));
        p.drawRoundedRect(r, 5, 5);
        p.setPen(Qt::black);
        p.drawText(r.adjusted(2, 2, -2, -2), Qt::AlignCenter | Qt::TextWordWrap, labels[b]);
        x += w + 4;
    }
}

void NetworkDiagram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);

    drawBox(p, blockRect(0), QColor(235, 235, 235),
            tr("Input %1 x %2 x %3")
                .arg(spec_.input.channels)
                .arg(spec_.input.height)
                .arg(spec_.input.width));
    drawArrowBelow(p, 0);
    drawBox(p, blockRect(1), QColor(220, 228, 240), stemText());
    drawArrowBelow(p, 1);
    for (int unit = 0; unit < static_cast<int>(spec_.units.size()); ++unit) {
        drawUnit(p, unit, small);
        drawArrowBelow(p, 2 + unit,
                       spec_.units[static_cast<std::size_t>(unit)].poolAfter ? tr("max pool 3x3/2")
                                                                             : QString());
    }
    const int head = 2 + static_cast<int>(spec_.units.size());
    drawBox(p, blockRect(head), QColor(232, 240, 225),
            tr("Head: global average pool, dropout %1, linear %2 → %3")
                .arg(spec_.head.dropout)
                .arg(spec_.featureChannels())
                .arg(spec_.head.classes));
}

} // namespace inception::ui
