#include "ui/data/SampleGrid.hpp"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>

namespace inception::ui {

namespace {
constexpr int kGap = 3;
} // namespace

SampleGrid::SampleGrid(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void SampleGrid::setRows(const QStringList& captions,
                         const std::vector<std::vector<QImage>>& images) {
    captions_ = captions;
    images_ = images;
    const QFontMetrics metrics(font());
    captionWidth_ = 0;
    for (const QString& caption : captions_)
        captionWidth_ = std::max(captionWidth_, metrics.horizontalAdvance(caption) + 8);
    updateGeometry();
    update();
}

void SampleGrid::setTargetSide(int side) {
    targetSide_ = std::max(8, side);
    updateGeometry();
    update();
}

void SampleGrid::clear() {
    setRows({}, {});
}

int SampleGrid::cellSide() const {
    int side = 0;
    for (const auto& row : images_)
        for (const QImage& image : row)
            side = std::max({side, image.width(), image.height()});
    return side <= 0 ? targetSide_ : std::min(std::max(side, targetSide_), 4 * side);
}

QSize SampleGrid::sizeHint() const {
    std::size_t columns = 0;
    for (const auto& row : images_)
        columns = std::max(columns, row.size());
    const int side = cellSide();
    return {captionWidth_ + static_cast<int>(columns) * (side + kGap),
            static_cast<int>(images_.size()) * (side + kGap)};
}

void SampleGrid::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    const int side = cellSide();
    for (std::size_t r = 0; r < images_.size(); ++r) {
        const int y = static_cast<int>(r) * (side + kGap);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, y, captionWidth_ - 6, side), Qt::AlignRight | Qt::AlignVCenter,
                         captions_.value(static_cast<int>(r)));
        for (std::size_t c = 0; c < images_[r].size(); ++c)
            painter.drawImage(
                QRect(captionWidth_ + static_cast<int>(c) * (side + kGap), y, side, side),
                images_[r][c]);
    }
}

} // namespace inception::ui
