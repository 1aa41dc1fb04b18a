#include "ui/common/PlotView.hpp"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using inception::ui::PlotView;

class PlotViewTest : public QObject {
    Q_OBJECT

private slots:
    void savesCsvWithEverySeries() {
        PlotView plot(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
        const int train = plot.addSeries(QStringLiteral("train"), Qt::blue);
        const int test = plot.addSeries(QStringLiteral("test"), Qt::red);
        plot.appendPoints(train, {1, 2}, {2.5, 1.25});
        plot.appendPoints(test, {1}, {3.0});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("loss.csv"));
        QCOMPARE(plot.saveAsCsv(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
                 QStringLiteral("series,epoch,loss\ntrain,1,2.5\ntrain,2,1.25\ntest,1,3\n"));
    }

    void savesPngAndPdf() {
        PlotView plot(QStringLiteral("Accuracy"), QStringLiteral("epoch"), QStringLiteral("%"));
        plot.resize(400, 300);
        plot.appendPoints(plot.addSeries(QStringLiteral("test"), Qt::red), {1, 2, 3}, {40, 55, 61});
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("plot.png"));
        QCOMPARE(plot.saveAsPng(png), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 400);
        const QString pdf = dir.filePath(QStringLiteral("plot.pdf"));
        QCOMPARE(plot.saveAsPdf(pdf), QString());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        // No temporary files are left beside them.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
    }

    void aFailedSaveSaysWhyAndLeavesNothing() {
        PlotView plot(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
        plot.addSeries(QStringLiteral("train"), Qt::blue);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing-folder/loss.csv"));
        QVERIFY(!plot.saveAsCsv(path).isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void describesTheValuesUnderTheMouse() {
        PlotView plot(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
        plot.resize(400, 300);
        const int train = plot.addSeries(QStringLiteral("train"), Qt::blue);
        plot.appendPoints(train, {1, 2, 3}, {2.0, 1.5, 1.0});
        plot.replot();
        const double x = plot.xAxis->coordToPixel(2.2);
        QCOMPARE(plot.describePoint(QPointF(x, 100)), QStringLiteral("epoch 2.20 · train 1.5"));
    }

    void followsTheDataUntilTheUserMovesTheView() {
        PlotView plot(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
        plot.resize(400, 300);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const int s = plot.addSeries(QStringLiteral("train"), Qt::blue);
        plot.appendPoints(s, {1, 2}, {1.0, 2.0});
        QVERIFY(plot.xAxis->range().contains(2));
        plot.appendPoints(s, {10}, {3.0});
        QVERIFY(plot.xAxis->range().contains(10));
        QVERIFY(plot.yAxis->range().contains(3.0));

        // The user grabs the plot: new points no longer move the view.
        QTest::mousePress(&plot, Qt::LeftButton, {}, QPoint(200, 150));
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, QPoint(200, 150));
        const QCPRange x = plot.xAxis->range(), y = plot.yAxis->range();
        plot.appendPoints(s, {50}, {40.0});
        QCOMPARE(plot.xAxis->range(), x);
        QCOMPARE(plot.yAxis->range(), y);
        QVERIFY(!plot.xAxis->range().contains(50));

        // Fitting to the data follows it again.
        plot.fitToData();
        QVERIFY(plot.xAxis->range().contains(50));
        QVERIFY(plot.yAxis->range().contains(40.0));
        plot.appendPoints(s, {60}, {45.0});
        QVERIFY(plot.xAxis->range().contains(60));
    }

    void aFlatLineGetsARangeAroundItsValue() {
        PlotView plot(QStringLiteral("Learning rate"), QStringLiteral("epoch"),
                      QStringLiteral("lr"));
        const int s = plot.addSeries(QStringLiteral("lr"), Qt::green);
        plot.appendPoints(s, {0.5, 1, 1.5}, {1e-3, 1e-3, 1e-3});
        QVERIFY(plot.yAxis->range().contains(1e-3));
        QVERIFY(plot.yAxis->range().lower > 0);
        QVERIFY(plot.yAxis->range().upper < 1e-2);
    }

    void switchesToALogScaleAndBack() {
        PlotView plot(QStringLiteral("Loss"), QStringLiteral("epoch"), QStringLiteral("loss"));
        plot.appendPoints(plot.addSeries(QStringLiteral("train"), Qt::blue), {1, 2}, {0.1, 10});
        const QCPRange linear = plot.yAxis->range();
        QVERIFY(linear.lower < 0.1 - 0.4); // a 5% margin of the 9.9 span below 0.1
        plot.setLogScale(true);
        QVERIFY(plot.logScale());
        QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
        // Decades as ticks, and a range that stays positive around both values.
        QVERIFY(plot.yAxis->ticker().dynamicCast<QCPAxisTickerLog>());
        QVERIFY(plot.yAxis->range().lower > 0);
        QVERIFY(plot.yAxis->range().lower <= 0.1);
        QVERIFY(plot.yAxis->range().upper >= 10);
        plot.setLogScale(false);
        QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLinear);
        QVERIFY(!plot.yAxis->ticker().dynamicCast<QCPAxisTickerLog>());
        QCOMPARE(plot.yAxis->range(), linear);
    }
};

QTEST_MAIN(PlotViewTest)
#include "PlotViewTest.moc"
