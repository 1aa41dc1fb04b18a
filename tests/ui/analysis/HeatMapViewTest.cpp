// The map over the image: the opacity blends it, the hover reads the raw map's cell.
#include "ui/analysis/HeatMapView.hpp"

#include "core/explain/HeatMapImage.hpp"
#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/analysis/ExplainTestSupport.hpp"

#include <QTest>

using namespace inception;
using inception::ui::HeatMapView;

namespace {

// Evidence in the right half only, on a 2 x 2 raw map.
GradCamResult rightHalf() {
    GradCamResult r;
    r.unit = 4;
    r.raw = {2, 2, {0.0f, 3.0f, 0.0f, 1.5f}};
    r.map = {32, 32, std::vector<float>(32 * 32, 0.0f)};
    for (int y = 0; y < 32; ++y)
        for (int x = 16; x < 32; ++x)
            r.map.values[static_cast<std::size_t>(y * 32 + x)] = 1.0f;
    return r;
}

} // namespace

class HeatMapViewTest : public QObject {
    Q_OBJECT

private slots:
    void blendsTheMapAtTheChosenOpacity() {
        HeatMapView view;
        view.setImage(test::solidImage(QColor(200, 0, 0)));
        QCOMPARE(view.blended().pixelColor(20, 5), QColor(200, 0, 0)); // no map yet
        view.setMap(rightHalf());
        view.setOpacity(1.0);
        const Rgb high = heatColour(1.0f), low = heatColour(0.0f);
        QCOMPARE(view.blended().pixelColor(20, 5), QColor(high[0], high[1], high[2]));
        QCOMPARE(view.blended().pixelColor(3, 5), QColor(low[0], low[1], low[2]));
        view.setOpacity(0.0);
        QCOMPARE(view.blended().pixelColor(20, 5), QColor(200, 0, 0));
        view.clearMap();
        QVERIFY(!view.hasMap());
    }

    void hoverReadsTheRawCellUnderTheMouse() {
        HeatMapView view;
        view.resize(200, 200);
        view.setImage(test::solidImage(Qt::gray));
        view.setMap(rightHalf());
        float value = 0.0f;
        QPoint cell;
        QVERIFY(view.rawValueAt(QPoint(150, 150), value, cell));
        QCOMPARE(cell, QPoint(1, 1));
        QCOMPARE(value, 1.5f);
        QVERIFY(view.rawValueAt(QPoint(150, 20), value, cell));
        QCOMPARE(value, 3.0f);
        view.resize(300, 200); // the picture is a centred square
        QVERIFY(!view.rawValueAt(QPoint(10, 100), value, cell));
    }
};

INCEPTION_QT_TEST(HeatMapViewTest)
#include "HeatMapViewTest.moc"
