#pragma once

#include "core/evaluation/SamplePrediction.hpp"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;

namespace inception::ui {

class PlotView;

// Each class's one-vs-rest precision-recall curve at the shown epoch, with its average
// precision in the legend; needs predictions that keep every class's probability.
class PrecisionRecallPanel : public QWidget {
    Q_OBJECT

public:
    explicit PrecisionRecallPanel(QWidget* parent = nullptr);

    void setPredictions(const std::vector<SamplePrediction>& predictions,
                        const QStringList& classNames);
    PlotView* plot() const { return plot_; }
    QLabel* note() const { return note_; }

private:
    PlotView* plot_;
    QLabel* note_;
};

} // namespace inception::ui
