#include "ui/experiments/ExperimentPlots.hpp"

#include "ui/common/PlotView.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace inception::ui {

using inception::CostMeasure;
using inception::TrialState;
using inception::TrialStatus;

namespace {

// Viridis-like: low accuracy purple, high yellow.
QColor accuracyColour(double share) {
    const QColor stops[] = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    share = std::clamp(share, 0.0, 1.0) * 4.0;
    const int i = std::min(3, static_cast<int>(share));
    const double t = share - i;
    const auto mix = [&](int a, int b) { return static_cast<int>(a + (b - a) * t); };
    return {mix(stops[i].red(), stops[i + 1].red()), mix(stops[i].green(), stops[i + 1].green()),
            mix(stops[i].blue(), stops[i + 1].blue())};
}

QString costLabel(CostMeasure measure) {
    switch (measure) {
    case CostMeasure::Macs:
        return ExperimentPlots::tr("multiply-accumulates per image (millions)");
    case CostMeasure::Parameters:
        return ExperimentPlots::tr("parameters (thousands)");
    case CostMeasure::EvalSpeed:
        return ExperimentPlots::tr("evaluation time per image (ms, measured)");
    }
    return {};
}

void styleAxes(QCustomPlot* plot) {
    plot->setAntialiasedElements(QCP::aeAll);
    plot->xAxis->grid()->setPen(QPen(QColor(225, 225, 225)));
    plot->yAxis->grid()->setPen(QPen(QColor(225, 225, 225)));
}

} // namespace

ExperimentPlots::ExperimentPlots(QWidget* parent) : QTabWidget(parent) {
    addTab(createScatterTab(), tr("Accuracy vs Cost"));
    parallel_ = new QCustomPlot;
    parallel_->setObjectName(QStringLiteral("parallelCoordinates"));
    styleAxes(parallel_);
    addTab(parallel_, tr("Parallel Coordinates"));
    curves_ =
        new PlotView(tr("Test accuracy of every trial"), tr("epoch"), tr("test accuracy (%)"));
    curves_->setLegendCorner(Qt::AlignBottom | Qt::AlignRight);
    addTab(curves_, tr("Test Curves"));
}

QWidget* ExperimentPlots::createScatterTab() {
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    auto* bar = new QHBoxLayout;
    costChoice_ = new QComboBox;
    costChoice_->setObjectName(QStringLiteral("costChoice"));
    costChoice_->addItem(tr("MACs"), static_cast<int>(CostMeasure::Macs));
    costChoice_->addItem(tr("Parameters"), static_cast<int>(CostMeasure::Parameters));
    costChoice_->addItem(tr("Measured speed"), static_cast<int>(CostMeasure::EvalSpeed));
    bar->addWidget(new QLabel(tr("Cost:")));
    bar->addWidget(costChoice_);
    bar->addStretch();
    auto* legend = new QLabel(tr("● finished  ○ pruned or unfinished  — Pareto front (finished "
                                 "trials)"));
    legend->setStyleSheet(QStringLiteral("color: palette(mid)"));
    bar->addWidget(legend);
    layout->addLayout(bar);
    scatter_ = new QCustomPlot;
    scatter_->setObjectName(QStringLiteral("accuracyCostScatter"));
    scatter_->setMouseTracking(true);
    styleAxes(scatter_);
    layout->addWidget(scatter_, 1);
    connect(costChoice_, &QComboBox::currentIndexChanged, this, [this] { drawScatter(); });
    connect(scatter_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const QString text = describeTrialAt(event->position());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, scatter_);
    });
    connect(scatter_, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* event) {
        const int trial = trialNear(event->position());
        if (trial >= 0)
            emit trialActivated(
                QString::fromStdString(status_->trials[static_cast<std::size_t>(trial)].folder));
    });
    return tab;
}

CostMeasure ExperimentPlots::costMeasure() const {
    return static_cast<CostMeasure>(costChoice_->currentData().toInt());
}

double ExperimentPlots::scatterCost(const TrialStatus& trial) const {
    switch (costMeasure()) {
    case CostMeasure::Macs:
        return static_cast<double>(trial.macs) / 1e6;
    case CostMeasure::Parameters:
        return static_cast<double>(trial.parameters) / 1e3;
    case CostMeasure::EvalSpeed:
        return trial.evalImagesPerSecond > 0 ? 1000.0 / trial.evalImagesPerSecond : NAN;
    }
    return NAN;
}

void ExperimentPlots::setStatus(std::shared_ptr<const inception::ExperimentStatus> status) {
    status_ = std::move(status);
    drawScatter();
    drawParallelCoordinates();
    drawCurves();
}

void ExperimentPlots::drawScatter() {
    scatter_->clearGraphs();
    scatter_->clearItems();
    if (!status_)
        return;
    std::vector<double> costs, accuracies;
    for (const TrialStatus& t : status_->trials) {
        const bool finished = t.state == TrialState::Finished && t.epochsDone > 0;
        costs.push_back(finished ? scatterCost(t) : NAN);
        accuracies.push_back(finished ? t.bestTestAccuracy : NAN);
    }
    QVector<double> frontX, frontY;
    for (const int i : inception::paretoFront(costs, accuracies)) {
        frontX << costs[static_cast<std::size_t>(i)];
        frontY << 100.0 * accuracies[static_cast<std::size_t>(i)];
    }
    QCPGraph* front = scatter_->addGraph();
    front->setName(tr("Pareto front"));
    front->setLineStyle(QCPGraph::lsStepLeft);
    front->setPen(QPen(QColor(213, 94, 0), 2.0));
    front->setData(frontX, frontY, true);
    for (const TrialStatus& t : status_->trials) {
        const double cost = scatterCost(t);
        if (t.epochsDone == 0 || !std::isfinite(cost))
            continue;
        QCPGraph* point = scatter_->addGraph();
        point->setLineStyle(QCPGraph::lsNone);
        const bool finished = t.state == TrialState::Finished;
        const QColor colour = finished ? QColor(0, 114, 178) : QColor(150, 150, 150);
        point->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour,
                                               finished ? colour : QColor(Qt::white),
                                               t.onParetoFront ? 11 : 8));
        point->setData({cost}, {100.0 * t.bestTestAccuracy});
        auto* label = new QCPItemText(scatter_);
        label->position->setCoords(cost, 100.0 * t.bestTestAccuracy);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setPadding(QMargins(6, 0, 0, 2));
        label->setText(QString::number(t.plan.id));
        label->setColor(QColor(90, 90, 90));
    }
    scatter_->xAxis->setLabel(costLabel(costMeasure()));
    scatter_->yAxis->setLabel(tr("best test accuracy (%)"));
    scatter_->rescaleAxes();
    const QCPRange x = scatter_->xAxis->range(), y = scatter_->yAxis->range();
    scatter_->xAxis->setRange(x.lower - 0.08 * x.size() - 1e-9, x.upper + 0.12 * x.size() + 1e-9);
    scatter_->yAxis->setRange(y.lower - 0.1 * y.size() - 0.5, y.upper + 0.15 * y.size() + 0.5);
    scatter_->replot(QCustomPlot::rpQueuedReplot);
}

int ExperimentPlots::trialNear(const QPointF& pixel) const {
    if (!status_)
        return -1;
    int best = -1;
    double bestDistance = 12.0; // pixels
    for (const TrialStatus& t : status_->trials) {
        const double cost = scatterCost(t);
        if (t.epochsDone == 0 || !std::isfinite(cost))
            continue;
        const QPointF at(scatter_->xAxis->coordToPixel(cost),
                         scatter_->yAxis->coordToPixel(100.0 * t.bestTestAccuracy));
        const double distance = std::hypot(at.x() - pixel.x(), at.y() - pixel.y());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = t.plan.id;
        }
    }
    return best;
}

QString ExperimentPlots::describeTrialAt(const QPointF& pixel) const {
    const int id = trialNear(pixel);
    if (id < 0)
        return {};
    const TrialStatus& t = status_->trials[static_cast<std::size_t>(id)];
    QStringList widths;
    for (std::size_t u = 0; u < t.plan.spec.units.size(); ++u) {
        const auto& unit = t.plan.spec.units[u];
        widths << tr("unit %1: %2 %3/%4 %5/%6 %7")
                      .arg(u)
                      .arg(unit.out1x1)
                      .arg(unit.reduce3x3)
                      .arg(unit.out3x3)
                      .arg(unit.reduce5x5)
                      .arg(unit.out5x5)
                      .arg(unit.poolProj);
    }
    return tr("<b>Trial %1</b>: %2<br>%3, best %4% after %5 epochs%6<br>stem %7 · %8<br>"
              "<small>(1x1, 3x3 reduce/out, 5x5 reduce/out, pool proj)</small>")
        .arg(id)
        .arg(QString::fromStdString(t.plan.label(false)).toHtmlEscaped())
        .arg(QString::fromStdString(toString(t.state)))
        .arg(100.0 * t.bestTestAccuracy, 0, 'f', 2)
        .arg(t.epochsDone)
        .arg(t.onParetoFront ? tr(", on the Pareto front") : QString())
        .arg(t.plan.spec.stem.outChannels)
        .arg(widths.join(QStringLiteral("<br>")));
}

void ExperimentPlots::drawParallelCoordinates() {
    parallel_->clearPlottables();
    parallel_->clearItems();
    if (!status_ || status_->trials.empty())
        return;
    const auto& vary = status_->definition.vary;
    const int axes = static_cast<int>(vary.size()) + 1; // the varied keys, then accuracy
    // Each key's values in their file order, evenly spaced on [0, 1].
    const auto position = [&](std::size_t key, const nlohmann::json& value) {
        const auto& values = vary[key].values;
        const auto found = std::find(values.begin(), values.end(), value);
        const auto index = static_cast<double>(found - values.begin());
        return values.size() > 1 ? index / static_cast<double>(values.size() - 1) : 0.5;
    };
    double low = 1.0, high = 0.0;
    for (const TrialStatus& t : status_->trials)
        if (t.epochsDone > 0) {
            low = std::min(low, t.bestTestAccuracy);
            high = std::max(high, t.bestTestAccuracy);
        }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int a = 0; a < axes; ++a) {
        ticker->addTick(a, a + 1 < axes
                               ? QString::fromStdString(vary[static_cast<std::size_t>(a)].key)
                               : tr("best test acc"));
        auto* line = new QCPItemStraightLine(parallel_);
        line->point1->setCoords(a, 0);
        line->point2->setCoords(a, 1);
        line->setPen(QPen(QColor(160, 160, 160)));
        if (a + 1 < axes) {
            const auto& values = vary[static_cast<std::size_t>(a)].values;
            for (const auto& v : values) {
                auto* text = new QCPItemText(parallel_);
                text->position->setCoords(a, position(static_cast<std::size_t>(a), v));
                text->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
                text->setPadding(QMargins(0, 0, 6, 0));
                text->setText(
                    QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump()));
            }
        }
    }
    for (const double y : {0.0, 1.0}) {
        auto* text = new QCPItemText(parallel_);
        text->position->setCoords(axes - 1, y);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        text->setPadding(QMargins(6, 0, 0, 0));
        text->setText(QString::number(100.0 * (y == 0.0 ? low : high), 'f', 1) + "%");
    }
    for (const TrialStatus& t : status_->trials) {
        if (t.epochsDone == 0)
            continue;
        const double share = high > low ? (t.bestTestAccuracy - low) / (high - low) : 1.0;
        auto* curve = new QCPCurve(parallel_->xAxis, parallel_->yAxis);
        QVector<double> x, y;
        for (std::size_t k = 0; k < vary.size(); ++k) {
            x << static_cast<double>(k);
            y << position(k, t.plan.values[k].second);
        }
        x << axes - 1;
        y << share;
        curve->setData(x, y);
        QPen pen(accuracyColour(share), t.state == TrialState::Finished ? 2.4 : 1.2);
        if (t.state != TrialState::Finished)
            pen.setStyle(Qt::DashLine);
        curve->setPen(pen);
    }
    parallel_->xAxis->setTicker(ticker);
    parallel_->xAxis->setRange(-0.5, axes - 0.5);
    parallel_->yAxis->setRange(-0.08, 1.08);
    parallel_->yAxis->setVisible(false);
    parallel_->xAxis->grid()->setVisible(false);
    parallel_->yAxis->grid()->setVisible(false);
    parallel_->replot(QCustomPlot::rpQueuedReplot);
}

void ExperimentPlots::drawCurves() {
    curves_->removeAllSeries();
    if (!status_)
        return;
    for (const TrialStatus& t : status_->trials) {
        if (t.testAccuracy.empty())
            continue;
        const double share = t.bestTestAccuracy;
        const int series = curves_->addSeries(
            tr("%1: %2").arg(t.plan.id).arg(QString::fromStdString(t.plan.label(false))),
            t.onParetoFront ? QColor(213, 94, 0) : accuracyColour(share), 1.6, t.onParetoFront);
        QVector<double> x, y;
        for (std::size_t e = 0; e < t.testAccuracy.size(); ++e) {
            x << static_cast<double>(e + 1);
            y << 100.0 * t.testAccuracy[e];
        }
        curves_->setPoints(series, x, y);
    }
    curves_->legend->setVisible(curves_->seriesCount() <= 12);
    curves_->refresh();
}

} // namespace inception::ui
