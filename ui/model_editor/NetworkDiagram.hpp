#pragma once

#include "core/spec/ModelSpec.hpp"

#include <QStringList>
#include <QWidget>

class QPainter;

namespace inception::ui {

// The network drawn from its spec, top to bottom: input, stem, each Inception unit as its
// four branches side by side (width growing with the channels), and the head. Clicking a
// unit selects it.
class NetworkDiagram : public QWidget {
    Q_OBJECT

public:
    explicit NetworkDiagram(QWidget* parent = nullptr);

    void setSpec(const ModelSpec& spec);
    void setSelectedUnit(int unit);
    int selectedUnit() const { return selected_; }

    // What is drawn, for tests and accessibility: the four branch labels of a unit.
    QStringList branchLabels(int unit) const;
    // The unit under a point, -1 when none.
    int unitAt(const QPoint& point) const;
    QRect unitRect(int unit) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void unitClicked(int unit);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRect blockRect(int block) const; // 0 input, 1 stem, 2.. units, then head
    QString stemText() const;
    void drawBox(QPainter& p, const QRect& r, const QColor& fill, const QString& text) const;
    // `label` names what happens on the way down (a pool between units), beside the arrow.
    void drawArrowBelow(QPainter& p, int block, const QString& label = {}) const;
    void drawUnit(QPainter& p, int unit, const QFont& small) const;

    ModelSpec spec_;
    int selected_ = -1;
};

} // namespace inception::ui
