// The detail's explain panel: the map arrives for the chosen image, follows the chosen unit
// and class, and the neighbours fill the strip.
#include "ui/analysis/ExplainPanel.hpp"

#include "core/explain/NearestNeighbours.hpp"
#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/analysis/ExplainTestSupport.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/HeatMapView.hpp"
#include "ui/analysis/NeighbourStrip.hpp"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace inception;
using inception::ui::ExplainPanel;

class ExplainPanelTest : public QObject {
    Q_OBJECT

private slots:
    void showsTheMapAndNeighboursOfTheChosenImage() {
        ui::ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        ExplainPanel panel(&service);
        QStringList names;
        for (int c = 0; c < 10; ++c)
            names << QStringLiteral("class %1").arg(c);
        panel.setClassNames(names);
        panel.setUnits(2);
        QCOMPARE(panel.unitChoice()->count(), 2);
        QCOMPARE(panel.unitChoice()->currentText(), QStringLiteral("unit 1 (the last)"));
        QCOMPARE(panel.targetChoice()->count(), 12);
        panel.resize(300, 500);
        panel.show();

        QSignalSpy maps(&service, &ui::ExplainService::gradCamReady);
        panel.showTestImage(7, 3, 5, test::solidImage(Qt::darkGreen));
        QTRY_VERIFY_WITH_TIMEOUT(panel.heatMap()->hasMap(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(panel.neighbours()->count(), kExplainNeighbours, 60000);
        QVERIFY(panel.status()->text().startsWith(QStringLiteral("Map of class")));

        // The true class, at the first unit: a new map for exactly that.
        maps.clear();
        panel.targetChoice()->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(maps.count() >= 1, 60000);
        auto result = maps.last().at(1).value<std::shared_ptr<const GradCamResult>>();
        QCOMPARE(result->targetClass, 3);
        maps.clear();
        panel.unitChoice()->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(maps.count() >= 1, 60000);
        result = maps.last().at(1).value<std::shared_ptr<const GradCamResult>>();
        QCOMPARE(result->unit, 0);
        QCOMPARE(result->raw.width, 8);

        const QImage before = panel.heatMap()->blended();
        panel.opacity()->setValue(90);
        QVERIFY(panel.heatMap()->blended() != before);
        panel.clear();
        QCOMPARE(panel.shownIndex(), -1);
        QCOMPARE(panel.neighbours()->count(), 0);
    }
};

INCEPTION_QT_TEST(ExplainPanelTest)
#include "ExplainPanelTest.moc"
