#pragma once

#include "core/explain/ExplainResults.hpp"

#include <QImage>
#include <QWidget>

namespace inception::ui {

// An image with a Grad-CAM map blended over it in viridis, at a chosen opacity; hovering
// shows the raw map's value under the mouse (the unit's cell) as a tooltip.
class HeatMapView : public QWidget {
    Q_OBJECT

public:
    explicit HeatMapView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    // The map of the image shown; an empty result shows the image alone.
    void setMap(const GradCamResult& result);
    void clearMap();
    void setOpacity(double opacity);
    bool hasMap() const { return !result_.map.values.empty(); }
    const QImage& blended() const { return blended_; }
    // The raw map's value at a widget position, and its cell; false outside the image.
    bool rawValueAt(const QPoint& position, float& value, QPoint& cell) const;

    QSize sizeHint() const override { return {200, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void blend();
    QRect pictureRect() const;

    QImage image_;
    GradCamResult result_;
    double opacity_ = 0.5;
    QImage blended_;
};

} // namespace inception::ui
