#pragma once

#include "core/evaluation/ConfusionMatrix.hpp"

#include <QStringList>
#include <QWidget>

class QLabel;
class QTableView;

namespace inception::ui {

class AxisTitle;
class ClassMetricsModel;
class ConfusionMatrixModel;

// The left half of the Analysis page: an epoch's test confusion matrix as a heatmap with
// labelled axes, and the per-class metrics under it. A click on a cell, a row or column
// header, or a class's metrics asks for the images behind it.
class ConfusionPanel : public QWidget {
    Q_OBJECT

public:
    explicit ConfusionPanel(QWidget* parent = nullptr);

    void setMatrix(const ConfusionMatrix& matrix, const QStringList& classNames);
    void setShowRates(bool rates);
    // The notebook's layout: rows predicted, columns true.
    void setNotebookLayout(bool on);

    QTableView* heatmap() const { return heatmap_; }
    ConfusionMatrixModel* confusion() const { return confusion_; }
    ClassMetricsModel* metrics() const { return metrics_; }
    QTableView* metricsView() const { return metricsView_; }

signals:
    // The images of a true and a predicted class; -1 stands for any class.
    void cellChosen(int trueClass, int predicted);

private:
    QWidget* createHeatmap();
    QTableView* createMetricsView();
    void updateAxisTitles();

    ConfusionMatrixModel* confusion_;
    QTableView* heatmap_;
    AxisTitle* rowsTitle_;
    QLabel* columnsTitle_;
    ClassMetricsModel* metrics_;
    QTableView* metricsView_;
};

} // namespace inception::ui
