#pragma once

#include <qcustomplot.h>

#include <QString>
#include <QTimer>
#include <QVector>

namespace inception::ui {

// A QCustomPlot with what a user of a plotting tool expects: drag to pan, wheel to zoom,
// double-click to fit, linear or log value axis, a legend, the values under the mouse, and
// saving as PNG, PDF or CSV from the context menu. While the user has not moved the view it
// follows the data as it grows.
class PlotView : public QCustomPlot {
    Q_OBJECT

public:
    explicit PlotView(const QString& title, const QString& xLabel, const QString& yLabel,
                      QWidget* parent = nullptr);

    // Adds a series and returns its index.
    int addSeries(const QString& name, const QColor& color, qreal width = 1.6,
                  bool markers = false);
    void removeAllSeries();
    void clearData();
    void appendPoints(int series, const QVector<double>& x, const QVector<double>& y);
    void setPoints(int series, const QVector<double>& x, const QVector<double>& y);
    int pointCount(int series) const;
    int seriesCount() const { return graphCount(); }

    // Where the legend sits in the plot (top right by default): away from the data.
    void setLegendCorner(Qt::Alignment corner);
    void setLogScale(bool on);
    bool logScale() const;
    // Fits the axes to the data and follows it again.
    void fitToData();
    // Fits the axes if following, and redraws soon: at most kRedrawsPerSecond however often
    // it is called, and not while hidden.
    void refresh();
    static constexpr int kRedrawsPerSecond = 10;

    // Errors come back as a message; empty on success.
    QString saveAsPng(const QString& path);
    QString saveAsPdf(const QString& path);
    QString saveAsCsv(const QString& path) const;

    // The text shown for the mouse position `pixel`, e.g. "epoch 3.42 · test 1.234".
    QString describePoint(const QPointF& pixel) const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showContextMenu(const QPoint& position);
    void saveWithDialog();
    void onMouseMove(QMouseEvent* event);

    bool following_ = true;
    QTimer redrawTimer_;
    QCPItemText* readout_ = nullptr;
    QString xLabel_;
};

} // namespace inception::ui
