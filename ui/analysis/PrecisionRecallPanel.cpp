#include "ui/analysis/PrecisionRecallPanel.hpp"

#include "core/evaluation/PredictionAnalysis.hpp"
#include "ui/common/Palette.hpp"
#include "ui/common/PlotView.hpp"

#include <QLabel>
#include <QVBoxLayout>

namespace inception::ui {

PrecisionRecallPanel::PrecisionRecallPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("precisionRecallPanel"));
    plot_ = new PlotView(tr("Precision-recall, one class against the rest"), tr("recall"),
                         tr("precision"));
    plot_->setLegendCorner(Qt::AlignBottom | Qt::AlignLeft);
    note_ = new QLabel;
    note_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(note_);
    layout->addWidget(plot_, 1);
}

void PrecisionRecallPanel::setPredictions(const std::vector<SamplePrediction>& predictions,
                                          const QStringList& classNames) {
    plot_->removeAllSeries();
    const bool everyClass = !predictions.empty() && !predictions.front().probabilities.empty();
    if (!everyClass) {
        note_->setText(predictions.empty()
                           ? tr("No predictions for this epoch.")
                           : tr("This epoch's predictions keep the top five classes only "
                                "(written before every class's probability was kept): no "
                                "curves. Runs trained now keep them all."));
        plot_->refresh();
        return;
    }
    double meanAp = 0.0;
    for (int c = 0; c < classNames.size(); ++c) {
        const PrecisionRecallCurve curve = precisionRecall(predictions, c);
        QVector<double> recall{0.0}, precision{1.0};
        for (const PrecisionRecallPoint& point : curve.points) {
            recall << point.recall;
            precision << point.precision;
        }
        const int series = plot_->addSeries(
            tr("%1 (AP %2)").arg(classNames[c]).arg(curve.averagePrecision, 0, 'f', 3),
            palette::series(c), 1.4);
        plot_->setPoints(series, recall, precision);
        meanAp += curve.averagePrecision;
    }
    note_->setText(tr("Mean average precision %1 over %2 classes; AP is the area under each "
                      "class's steps.")
                       .arg(meanAp / std::max<qsizetype>(1, classNames.size()), 0, 'f', 3)
                       .arg(classNames.size()));
    plot_->fitToData();
}

} // namespace inception::ui
