// The browser's filters: a heatmap cell's mistakes, a whole class with its hits, and only the
// images whose prediction changed since an earlier epoch, read from the run's files.
#include "ui/analysis/PredictionBrowser.hpp"

#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "tests/support/Predictions.hpp"
#include "ui/analysis/PredictionListModel.hpp"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace inception;
using inception::ui::PredictionBrowser;

namespace {

using test::prediction;

const QStringList kNames = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("emu")};

std::set<int> shownIndices(const PredictionBrowser& browser) {
    std::set<int> indices;
    for (int row = 0; row < browser.predictions()->rowCount(); ++row)
        indices.insert(browser.predictions()->predictionAt(row).index);
    return indices;
}

} // namespace

class PredictionBrowserTest : public QObject {
    Q_OBJECT

    // Epoch 2 of a run: cats 0 and 1 taken for dogs, dog 2 right, emu 3 taken for a dog.
    const std::vector<SamplePrediction> epoch2 = {
        prediction(0, 0, 1, 0.9f), prediction(1, 0, 1, 0.6f), prediction(2, 1, 1, 0.8f),
        prediction(3, 2, 1, 0.7f)};

private slots:
    void aCellShowsItsMistakesAndAClassItsHitsToo() {
        PredictionBrowser browser;
        browser.setClassNames(kNames);
        browser.showPredictions(QString(), 2, epoch2);
        browser.filterByCell(0, 1);
        QCOMPARE(shownIndices(browser), (std::set<int>{0, 1}));
        browser.filterByCell(-1, 1); // everything predicted a dog, the hit included
        QCOMPARE(shownIndices(browser), (std::set<int>{0, 1, 2, 3}));
        browser.filterByCell(2, -1);
        QCOMPARE(shownIndices(browser), (std::set<int>{3}));
    }

    void onlyWhatChangedSinceAnEarlierEpoch() {
        QTemporaryDir run;
        QVERIFY(QDir(run.path()).mkpath(QStringLiteral("predictions")));
        // Epoch 1: cat 0 already a dog, cat 1 still a cat, dog 2 an emu, emu 3 already a dog.
        writePredictions(runPredictions(run.path().toStdString(), 1),
                         {prediction(0, 0, 1, 0.5f), prediction(1, 0, 0, 0.5f),
                          prediction(2, 1, 2, 0.5f), prediction(3, 2, 1, 0.5f)},
                         3);
        PredictionBrowser browser;
        browser.setClassNames(kNames);
        browser.showPredictions(run.path(), 2, epoch2);
        browser.filterByCell(-1, -1);
        browser.setChangedSince(1);
        QCOMPARE(shownIndices(browser), (std::set<int>{1, 2}));
        browser.setChangedSince(0);
        QCOMPARE(shownIndices(browser).size(), std::size_t{4});
    }

    void anUnreadableEarlierEpochIsReported() {
        QTemporaryDir run;
        PredictionBrowser browser;
        browser.setClassNames(kNames);
        browser.showPredictions(run.path(), 3, epoch2);
        QSignalSpy status(&browser, &PredictionBrowser::statusMessage);
        browser.setChangedSince(2);
        QCOMPARE(status.size(), 1);
        QVERIFY(status.first().at(0).toString().contains(QStringLiteral("epoch-002.bin")));
        QCOMPARE(status.first().at(1).toBool(), true);
    }
};

QTEST_MAIN(PredictionBrowserTest)
#include "PredictionBrowserTest.moc"
