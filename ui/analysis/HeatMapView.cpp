#include "ui/analysis/HeatMapView.hpp"

#include "core/explain/HeatMapImage.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace inception::ui {

HeatMapView::HeatMapView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("heatMapView"));
    setMouseTracking(true);
    setMinimumSize(96, 96);
}

void HeatMapView::setImage(const QImage& image) {
    image_ = image.convertToFormat(QImage::Format_RGB888);
    result_ = {};
    blend();
}

void HeatMapView::setMap(const GradCamResult& result) {
    result_ = result;
    blend();
}

void HeatMapView::clearMap() {
    result_ = {};
    blend();
}

void HeatMapView::setOpacity(double opacity) {
    opacity_ = opacity;
    blend();
}

void HeatMapView::blend() {
    const bool fits = !image_.isNull() && result_.map.height == image_.height() &&
                      result_.map.width == image_.width();
    if (!fits) {
        blended_ = image_;
    } else {
        ImageBytes bytes{image_.height(), image_.width(), 3, {}};
        bytes.pixels.reserve(static_cast<std::size_t>(image_.height() * image_.width() * 3));
        for (int y = 0; y < image_.height(); ++y) {
            const auto* line = image_.constScanLine(y);
            bytes.pixels.insert(bytes.pixels.end(), line, line + image_.width() * 3);
        }
        const ImageBytes out = blendHeatMap(bytes, result_.map, static_cast<float>(opacity_));
        blended_ =
            QImage(out.pixels.data(), out.width, out.height, out.width * 3, QImage::Format_RGB888)
                .copy();
    }
    update();
}

QRect HeatMapView::pictureRect() const {
    const int side = std::min(width(), height());
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

bool HeatMapView::rawValueAt(const QPoint& position, float& value, QPoint& cell) const {
    const QRect picture = pictureRect();
    const HeatMap& raw = result_.raw;
    if (raw.values.empty() || !picture.contains(position))
        return false;
    const int x =
        std::min(raw.width - 1, (position.x() - picture.left()) * raw.width / picture.width());
    const int y =
        std::min(raw.height - 1, (position.y() - picture.top()) * raw.height / picture.height());
    cell = {x, y};
    value = raw.at(y, x);
    return true;
}

void HeatMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (blended_.isNull())
        return;
    p.drawImage(pictureRect(), blended_);
}

void HeatMapView::mouseMoveEvent(QMouseEvent* event) {
    float value = 0.0f;
    QPoint cell;
    if (rawValueAt(event->position().toPoint(), value, cell))
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("Unit %1 cell (%2, %3): %4")
                               .arg(result_.unit)
                               .arg(cell.x())
                               .arg(cell.y())
                               .arg(value, 0, 'g', 4),
                           this);
    else
        QToolTip::hideText();
}

} // namespace inception::ui
