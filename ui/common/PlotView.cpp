#include "ui/common/PlotView.hpp"

#include "ui/common/SaveFile.hpp"

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTextStream>

#include <cmath>

namespace inception::ui {

PlotView::PlotView(const QString& title, const QString& xLabel, const QString& yLabel,
                   QWidget* parent)
    : QCustomPlot(parent), xLabel_(xLabel) {
    setObjectName(title);
    setMinimumSize(240, 160);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);

    plotLayout()->insertRow(0);
    auto* heading = new QCPTextElement(this, title, QFont(font().family(), 10, QFont::Bold));
    plotLayout()->addElement(0, 0, heading);
    xAxis->setLabel(xLabel);
    yAxis->setLabel(yLabel);
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 210));
    legend->setBorderPen(QPen(QColor(200, 200, 200)));
    legend->setFont(QFont(font().family(), 8));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    readout_ = new QCPItemText(this);
    readout_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    readout_->position->setType(QCPItemPosition::ptAxisRectRatio);
    readout_->position->setCoords(0.01, 0.01);
    readout_->setFont(QFont(font().family(), 8));
    readout_->setColor(QColor(60, 60, 60));
    readout_->setClipToAxisRect(true);
    readout_->setText(QString());

    // The user moved the view: stop following the data until a double-click.
    connect(this, &QCustomPlot::mousePress, this, [this] { following_ = false; });
    connect(this, &QCustomPlot::mouseWheel, this, [this] { following_ = false; });
    connect(this, &QCustomPlot::mouseDoubleClick, this, [this] { fitToData(); });
    connect(this, &QCustomPlot::mouseMove, this, &PlotView::onMouseMove);
    redrawTimer_.setSingleShot(true);
    redrawTimer_.setInterval(1000 / kRedrawsPerSecond);
    connect(&redrawTimer_, &QTimer::timeout, this, [this] { replot(QCustomPlot::rpQueuedReplot); });
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &PlotView::showContextMenu);
}

int PlotView::addSeries(const QString& name, const QColor& color, qreal width, bool markers) {
    QCPGraph* graph = addGraph();
    graph->setName(name);
    graph->setPen(QPen(color, width));
    if (markers)
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    return graphCount() - 1;
}

void PlotView::removeAllSeries() {
    clearGraphs();
    refresh();
}

void PlotView::clearData() {
    for (int i = 0; i < graphCount(); ++i)
        graph(i)->data()->clear();
    following_ = true;
    refresh();
}

void PlotView::appendPoints(int series, const QVector<double>& x, const QVector<double>& y) {
    graph(series)->addData(x, y, true);
    refresh();
}

void PlotView::setPoints(int series, const QVector<double>& x, const QVector<double>& y) {
    graph(series)->setData(x, y, true);
    refresh();
}

int PlotView::pointCount(int series) const {
    return graph(series)->dataCount();
}

void PlotView::setLegendCorner(Qt::Alignment corner) {
    axisRect()->insetLayout()->setInsetAlignment(0, corner);
    refresh();
}

void PlotView::setLogScale(bool on) {
    yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    fitToData();
}

bool PlotView::logScale() const {
    return yAxis->scaleType() == QCPAxis::stLogarithmic;
}

void PlotView::fitToData() {
    following_ = true;
    refresh();
}

void PlotView::refresh() {
    if (following_) {
        xAxis->rescale(true);
        yAxis->rescale(true);
        // Leave a margin so that a line is not drawn on the frame; a flat line (a constant
        // learning rate) gets a range around its value.
        QCPRange values;
        bool found = false;
        for (int i = 0; i < graphCount(); ++i) {
            bool has = false;
            const QCPRange range = graph(i)->getValueRange(has);
            if (has)
                values = found ? QCPRange(std::min(values.lower, range.lower),
                                          std::max(values.upper, range.upper))
                               : range;
            found = found || has;
        }
        if (found && !logScale()) {
            if (values.size() > std::abs(values.center()) * 1e-9)
                yAxis->setRange(values.lower - values.size() * 0.05,
                                values.upper + values.size() * 0.05);
            else if (values.center() != 0.0)
                yAxis->setRange(values.center() * 0.5, values.center() * 1.5);
        }
    }
    // Drawing is what costs: at most kRedrawsPerSecond, and none while the plot is hidden.
    if (isVisible() && !redrawTimer_.isActive())
        redrawTimer_.start();
}

void PlotView::showEvent(QShowEvent* event) {
    QCustomPlot::showEvent(event);
    replot(QCustomPlot::rpQueuedReplot);
}

QString PlotView::saveAsPng(const QString& path) {
    return writeFileSafely(path, [this](const QString& temporary) {
        return savePng(temporary, 0, 0, 2.0) ? QString() : tr("cannot write the PNG");
    });
}

QString PlotView::saveAsPdf(const QString& path) {
    return writeFileSafely(path, [this](const QString& temporary) {
        return savePdf(temporary) ? QString() : tr("cannot write the PDF");
    });
}

QString PlotView::saveAsCsv(const QString& path) const {
    return writeFileSafely(path, [this](const QString& temporary) {
        QFile file(temporary);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
            return file.errorString();
        QTextStream out(&file);
        out << "series," << xLabel_ << ',' << yAxis->label() << '\n';
        for (int i = 0; i < graphCount(); ++i) {
            const QString name = QString(graph(i)->name()).replace(',', ' ');
            for (auto it = graph(i)->data()->constBegin(); it != graph(i)->data()->constEnd(); ++it)
                out << name << ',' << QString::number(it->key, 'g', 10) << ','
                    << QString::number(it->value, 'g', 10) << '\n';
        }
        out.flush();
        return file.error() == QFile::NoError ? QString() : file.errorString();
    });
}

QString PlotView::describePoint(const QPointF& pixel) const {
    const double x = xAxis->pixelToCoord(pixel.x());
    QStringList parts{QStringLiteral("%1 %2").arg(xLabel_).arg(x, 0, 'f', 2)};
    for (int i = 0; i < graphCount(); ++i) {
        const QCPGraph* g = graph(i);
        if (g->dataCount() == 0 || !g->visible())
            continue;
        // The nearest point at or before the mouse, else the first after it.
        auto it = g->data()->findBegin(x, false);
        if (it != g->data()->constBegin() && (it == g->data()->constEnd() || it->key > x))
            --it;
        if (it == g->data()->constEnd())
            continue;
        parts << QStringLiteral("%1 %2").arg(g->name()).arg(it->value, 0, 'g', 4);
    }
    return parts.join(QStringLiteral(" · "));
}

void PlotView::onMouseMove(QMouseEvent* event) {
    readout_->setText(describePoint(event->position()));
    replot(QCustomPlot::rpQueuedReplot);
}

void PlotView::showContextMenu(const QPoint& position) {
    QMenu menu(this);
    menu.addAction(tr("Fit to Data"), this, &PlotView::fitToData);
    QAction* log = menu.addAction(tr("Logarithmic Scale"));
    log->setCheckable(true);
    log->setChecked(logScale());
    connect(log, &QAction::toggled, this, &PlotView::setLogScale);
    menu.addSeparator();
    menu.addAction(tr("Save Plot As..."), this, &PlotView::saveWithDialog);
    menu.exec(mapToGlobal(position));
}

void PlotView::saveWithDialog() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Plot"), objectName() + QStringLiteral(".png"),
        tr("PNG image (*.png);;PDF document (*.pdf);;CSV data (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    QString error;
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        error = saveAsPdf(path);
    else if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        error = saveAsCsv(path);
    else
        error = saveAsPng(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Save Plot"), QStringLiteral("%1: %2").arg(path, error));
}

} // namespace inception::ui
