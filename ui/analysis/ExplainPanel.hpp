#pragma once

#include "core/explain/ExplainResults.hpp"

#include <QImage>
#include <QStringList>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QSlider;

namespace inception::ui {

class ExplainService;
class HeatMapView;
class NeighbourStrip;
struct NeighbourImages;

// Why the chosen image got its prediction: its Grad-CAM map over it (for the predicted, true
// or any class, at any unit, at a chosen opacity) and its nearest training images. Asks the
// explain service and shows its answers when they arrive; never waits for them.
class ExplainPanel : public QWidget {
    Q_OBJECT

public:
    explicit ExplainPanel(ExplainService* service, QWidget* parent = nullptr);

    void setClassNames(const QStringList& classNames);
    // The model's units (0: not known; only the last is offered).
    void setUnits(int count);
    void showTestImage(qint64 index, int trueClass, int predicted, const QImage& image);
    void clear();

    HeatMapView* heatMap() const { return heatMap_; }
    NeighbourStrip* neighbours() const { return neighbours_; }
    QComboBox* targetChoice() const { return target_; }
    QComboBox* unitChoice() const { return unit_; }
    QSlider* opacity() const { return opacity_; }
    QLabel* status() const { return status_; }
    qint64 shownIndex() const { return index_; }

private:
    void requestMap();
    int chosenTarget() const;
    int chosenUnit() const;

    ExplainService* service_;
    QStringList classNames_;
    int units_ = 0;
    qint64 index_ = -1;
    int trueClass_ = -1;
    int predicted_ = -1;

    QComboBox* target_;
    QComboBox* unit_;
    QSlider* opacity_;
    HeatMapView* heatMap_;
    NeighbourStrip* neighbours_;
    QLabel* status_;
    QString mapText_; // what the shown map is of, back on the status after progress
};

} // namespace inception::ui
