// The nearest training images, labelled, framed when labelled as predicted.
#include "ui/analysis/NeighbourStrip.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/analysis/ExplainTestSupport.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/common/Palette.hpp"

#include <QTest>

using namespace inception;
using inception::ui::NeighbourStrip;

class NeighbourStripTest : public QObject {
    Q_OBJECT

private slots:
    void showsEachNeighbourWithItsLabelAndFramesThePredictedOnes() {
        ui::NeighbourImages found;
        for (int i = 0; i < 8; ++i) {
            found.indices.push_back(i);
            found.labels.push_back(i < 6 ? 1 : 0);
            found.distances.push_back(static_cast<float>(i));
            found.images.push_back(test::solidImage(Qt::white));
        }
        NeighbourStrip strip;
        strip.resize(240, 150);
        strip.setNeighbours(found, {QStringLiteral("cat"), QStringLiteral("dog")}, 1);
        QCOMPARE(strip.count(), 8);
        QCOMPARE(strip.labels().count(QStringLiteral("dog")), 6);
        const QImage shot = strip.grab().toImage();
        // The first tile (a dog, as predicted) is framed in the test colour; the seventh not.
        const int cell = (240 - 4) / 4;
        const int tile = std::min(cell - 8, 48);
        const int left = (cell - tile) / 2;
        QCOMPARE(shot.pixelColor(left - 1, 2 + tile / 2), ui::palette::kTest);
        QVERIFY(shot.pixelColor(2 * cell + left - 1, tile + 16 + 4 + tile / 2) !=
                ui::palette::kTest);
        strip.clear();
        QCOMPARE(strip.count(), 0);
    }
};

INCEPTION_QT_TEST(NeighbourStripTest)
#include "NeighbourStripTest.moc"
