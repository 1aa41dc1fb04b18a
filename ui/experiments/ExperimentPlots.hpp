#pragma once

#include "core/experiments/ExperimentStatus.hpp"

#include <QTabWidget>

#include <memory>

class QComboBox;
class QCustomPlot;
class QMouseEvent;

namespace inception::ui {

class PlotView;

// An experiment as pictures: best test accuracy against a cost (MACs, parameters or measured
// seconds per image) with the Pareto front drawn and the hovered trial's values shown;
// parallel coordinates of the varied values coloured by accuracy; every trial's test curve.
class ExperimentPlots : public QTabWidget {
    Q_OBJECT

public:
    explicit ExperimentPlots(QWidget* parent = nullptr);

    void setStatus(std::shared_ptr<const inception::ExperimentStatus> status);
    inception::CostMeasure costMeasure() const;
    // The text shown for the trial nearest to `pixel` on the scatter; empty when none is near.
    QString describeTrialAt(const QPointF& pixel) const;

    QCustomPlot* scatter() const { return scatter_; }
    QCustomPlot* parallelCoordinates() const { return parallel_; }
    PlotView* curves() const { return curves_; }

signals:
    void trialActivated(const QString& folder);

private:
    QWidget* createScatterTab();
    void drawScatter();
    void drawParallelCoordinates();
    void drawCurves();
    int trialNear(const QPointF& pixel) const;
    double scatterCost(const inception::TrialStatus& trial) const;

    std::shared_ptr<const inception::ExperimentStatus> status_;
    QComboBox* costChoice_ = nullptr;
    QCustomPlot* scatter_ = nullptr;
    QCustomPlot* parallel_ = nullptr;
    PlotView* curves_ = nullptr;
};

} // namespace inception::ui
