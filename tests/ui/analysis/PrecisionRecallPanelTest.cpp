// One precision-recall curve per class with its average precision, or a note when the
// predictions keep only the top five.
#include "ui/analysis/PrecisionRecallPanel.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "ui/common/PlotView.hpp"

#include <QLabel>
#include <QSet>
#include <QTest>

using namespace inception;
using inception::ui::PrecisionRecallPanel;

class PrecisionRecallPanelTest : public QObject {
    Q_OBJECT

private slots:
    void drawsACurvePerClassWithItsAveragePrecision() {
        // Cat ranked 0.9, 0.8 (cats), 0.6 (the dog), 0.4 (a cat); dog ranked 0.6 (a cat), 0.4
        // (the dog), 0.2, 0.1.
        std::vector<SamplePrediction> predictions(4);
        const std::vector<std::vector<float>> probabilities = {
            {0.9f, 0.1f}, {0.8f, 0.2f}, {0.4f, 0.6f}, {0.6f, 0.4f}};
        const std::vector<std::int16_t> truth = {0, 0, 0, 1};
        for (std::size_t i = 0; i < predictions.size(); ++i) {
            predictions[i].index = static_cast<std::int32_t>(i);
            predictions[i].trueClass = truth[i];
            predictions[i].probabilities = probabilities[i];
        }
        PrecisionRecallPanel panel;
        panel.setPredictions(predictions, {QStringLiteral("cat"), QStringLiteral("dog")});
        QCOMPARE(panel.plot()->seriesCount(), 2);
        QCOMPARE(panel.plot()->graph(0)->name(), QStringLiteral("cat (AP 0.917)"));
        QCOMPARE(panel.plot()->graph(1)->name(), QStringLiteral("dog (AP 0.500)"));
        QCOMPARE(panel.plot()->pointCount(0), 5); // (0, 1) and four thresholds
        QVERIFY(panel.note()->text().startsWith(QStringLiteral("Mean average precision 0.708")));

        // CIFAR-10's ten classes: ten colours.
        std::vector<SamplePrediction> ten(10);
        QStringList names;
        for (int c = 0; c < 10; ++c) {
            ten[static_cast<std::size_t>(c)].trueClass = static_cast<std::int16_t>(c);
            ten[static_cast<std::size_t>(c)].probabilities.assign(10, 0.1f);
            names << QStringLiteral("class %1").arg(c);
        }
        panel.setPredictions(ten, names);
        QSet<QRgb> colours;
        for (int c = 0; c < 10; ++c)
            colours.insert(panel.plot()->graph(c)->pen().color().rgb());
        QCOMPARE(colours.size(), 10);

        for (auto& p : predictions)
            p.probabilities.clear(); // a version 1 file: top five only
        panel.setPredictions(predictions, {QStringLiteral("cat"), QStringLiteral("dog")});
        QCOMPARE(panel.plot()->seriesCount(), 0);
        QVERIFY(panel.note()->text().contains(QStringLiteral("top five classes only")));
    }
};

INCEPTION_QT_TEST(PrecisionRecallPanelTest)
#include "PrecisionRecallPanelTest.moc"
