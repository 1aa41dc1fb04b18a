#include "ui/analysis/AnalysisPage.hpp"

#include "core/evaluation/PredictionAnalysis.hpp"
#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "tests/support/Predictions.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "ui/analysis/BranchAblationModel.hpp"
#include "ui/analysis/BranchAblationPanel.hpp"
#include "ui/analysis/ClassMetricsModel.hpp"
#include "ui/analysis/ConfusionMatrixModel.hpp"
#include "ui/analysis/ContactSheet.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/PrecisionRecallPanel.hpp"
#include "ui/analysis/PredictionBrowser.hpp"
#include "ui/analysis/PredictionDetail.hpp"
#include "ui/analysis/PredictionListModel.hpp"
#include "ui/analysis/PredictionTileDelegate.hpp"
#include "ui/common/PlotView.hpp"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using namespace inception::ui;

namespace {

using test::prediction;

const QStringList kNames{"cat", "dog", "ship"};

std::vector<SamplePrediction> knownPredictions() {
    return {prediction(0, 0, 0, 0.9f), prediction(1, 0, 1, 0.6f),  prediction(2, 1, 0, 0.8f),
            prediction(3, 2, 1, 0.7f), prediction(4, 0, 1, 0.95f), prediction(5, 1, 1, 0.5f)};
}

std::vector<int> indicesOf(const PredictionListModel& model) {
    std::vector<int> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.push_back(model.predictionAt(row).index);
    return out;
}

} // namespace

class AnalysisPageTest : public QObject {
    Q_OBJECT

    QTemporaryDir runs_;
    QString run_; // written by inception-cli: 2 epochs of the tiny model

private slots:
    void initTestCase() {
        test::isolateSettings();
        QProcess cli;
        cli.start(QStringLiteral(INCEPTION_CLI_PATH),
                  {"train", "--data", test::kQuickData, "--model", "tiny", "--epochs", "2",
                   "--batch-size", "10", "--lr", "0.01", "--threads", "1", "--out", runs_.path()});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        run_ =
            runs_.filePath(QDir(runs_.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first());
    }

    void confusionModelInBothLayouts() {
        ConfusionMatrixModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMatrix(confusionOf(knownPredictions(), 3), kNames);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("2")); // cat taken for dog
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("dog"));
        QVERIFY(model.index(1, 1).data(ConfusionMatrixModel::kDiagonalRole).toBool());
        model.setShowRates(true);
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("66.7%"));
        model.setNotebookLayout(true); // rows predicted
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("66.7%"));
        QCOMPARE(model.pairAt(model.index(1, 0)), (std::pair{0, 1}));
    }

    void classMetricsAreSortable() {
        ClassMetricsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMatrix(confusionOf(knownPredictions(), 3), kNames);
        QCOMPARE(model.index(0, ClassMetricsModel::Recall).data().toString(),
                 QStringLiteral("33.3%"));
        QCOMPARE(model.index(0, ClassMetricsModel::Support).data().toInt(), 3);
        QCOMPARE(model.index(0, ClassMetricsModel::ConfusedWith).data().toString(),
                 QStringLiteral("dog (2)"));
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ClassMetricsModel::kSortRole);
        proxy.sort(ClassMetricsModel::Recall, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("dog"));  // 50%
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("ship")); // 0%
    }

    void predictionsFilterAndSort() {
        PredictionListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPredictions(knownPredictions(), kNames);
        QCOMPARE(indicesOf(model),
                 (std::vector<int>{4, 2, 3, 1})); // mistakes, most confident first
        PredictionFilter filter;
        filter.trueClass = 0;
        filter.predicted = 1;
        model.setFilter(filter);
        QCOMPARE(indicesOf(model), (std::vector<int>{4, 1}));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("cat → dog"));
        filter = {};
        filter.includeCorrect = true;
        filter.order = PredictionFilter::Order::ConfidenceLowFirst;
        model.setFilter(filter);
        QCOMPARE(indicesOf(model), (std::vector<int>{5, 1, 3, 2, 0, 4}));
        filter.order = PredictionFilter::Order::Index;
        filter.onlyIndices = std::set<std::int32_t>{1, 3};
        model.setFilter(filter);
        QCOMPARE(indicesOf(model), (std::vector<int>{1, 3}));
        filter = {};
        filter.order = PredictionFilter::Order::LossHighFirst;
        model.setFilter(filter);
        QCOMPARE(model.predictionAt(0).index, 3); // p(true) = 0.03 is the smallest
    }

    void contactSheetHasATilePerImage() {
        PredictionListModel model;
        std::vector<SamplePrediction> many;
        for (int i = 0; i < 23; ++i)
            many.push_back(prediction(i, 0, 1, 0.5f));
        model.setPredictions(many, kNames);
        auto images =
            std::make_shared<std::vector<QImage>>(23, QImage(32, 32, QImage::Format_RGB888));
        model.setImages(images);
        const QImage sheet = renderContactSheet(model, 10, 3);
        PredictionTileDelegate delegate(QSize(32, 32));
        const QSize tile = delegate.sizeHint({}, {});
        QCOMPARE(sheet.size(), QSize(10 * tile.width(), 3 * tile.height()));
        // A large selection is cut to the first tiles.
        std::vector<SamplePrediction> all(kContactSheetMaxTiles + 7, prediction(0, 0, 1, 0.5f));
        model.setPredictions(all, kNames);
        QCOMPARE(renderContactSheet(model, 10, 3).height(),
                 kContactSheetMaxTiles / 10 * tile.height());
        PredictionFilter none;
        none.trueClass = 2;
        model.setFilter(none);
        QVERIFY(renderContactSheet(model, 10, 3).isNull());
    }

    void aRunsCellsFilterTheBrowser() {
        const RunRecord run = readRun(run_.toStdString());
        AnalysisPage page;
        page.resize(1300, 800);
        page.show();
        QSignalSpy images(&page, &AnalysisPage::imagesLoadedChanged);
        page.showRun(run_, run.classNames, run.dataset, run.epochs);
        QVERIFY(images.wait(30000));
        QVERIFY(page.imagesLoaded());
        QCOMPARE(page.epoch(), 2);
        QCOMPARE(page.matrix()->model()->rowCount(), 10);
        QCOMPARE(page.status()->text(), QString());

        // The heatmap agrees with the predictions file of the epoch.
        const auto predictions = readPredictions(run_.toStdString() + "/predictions/epoch-002.bin");
        const ConfusionMatrix matrix = confusionOf(predictions, 10);
        QCOMPARE(page.confusion()->matrix(), matrix);

        // Click the most populated mistake: the browser holds exactly its images.
        QModelIndex worst;
        std::int64_t most = -1;
        for (int t = 0; t < 10; ++t)
            for (int p = 0; p < 10; ++p)
                if (t != p && matrix.count(t, p) > most) {
                    most = matrix.count(t, p);
                    worst = page.matrix()->model()->index(t, p);
                }
        QVERIFY(most > 0);
        QTest::mouseClick(page.matrix()->viewport(), Qt::LeftButton, {},
                          page.matrix()->visualRect(worst).center());
        QCOMPARE(page.predictions()->rowCount(), static_cast<int>(most));
        for (int row = 0; row < page.predictions()->rowCount(); ++row) {
            QCOMPARE(page.predictions()->predictionAt(row).trueClass, worst.row());
            QCOMPARE(page.predictions()->predictionAt(row).predicted, worst.column());
        }
        QVERIFY(!page.predictions()
                     ->index(0)
                     .data(PredictionListModel::ImageRole)
                     .value<QImage>()
                     .isNull());

        // A row header: every image of that true class, correct ones included.
        page.matrix()->verticalHeader()->sectionClicked(3);
        QCOMPARE(page.predictions()->rowCount(), static_cast<int>(matrix.perClass()[3].support));

        // Selecting an image shows it large.
        page.browser()->setCurrentIndex(page.predictions()->index(0));
        QVERIFY(page.detail()->hasPrediction());

        // Back to epoch 1, and what changed since then at epoch 2.
        page.setEpoch(1);
        QCOMPARE(
            page.confusion()->matrix(),
            confusionOf(readPredictions(run_.toStdString() + "/predictions/epoch-001.bin"), 10));
        page.setEpoch(2);
        page.filterByCell(-1, -1);
        page.setChangedSince(1);
        const auto changed = changedPredictions(
            readPredictions(run_.toStdString() + "/predictions/epoch-001.bin"), predictions);
        QCOMPARE(page.predictions()->rowCount(), static_cast<int>(changed.size()));

        // The notebook's layout swaps the axes.
        page.notebookLayout()->setChecked(true);
        QCOMPARE(page.matrix()->model()->index(worst.column(), worst.row()).data().toString(),
                 QString::number(most));

        QTemporaryDir dir;
        const QString sheet = dir.filePath(QStringLiteral("sheet.png"));
        page.filterByCell(worst.row(), worst.column());
        QCOMPARE(page.exportContactSheet(sheet), QString());
        QVERIFY(!QImage(sheet).isNull());
    }

    void missingOrTruncatedPredictionsAreNamed() {
        QTemporaryDir copy;
        const QString folder = copy.filePath(QStringLiteral("run"));
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {"-r", run_, folder}) == 0);
        QFile::remove(folder + QStringLiteral("/predictions/epoch-002.bin"));
        QFile truncated(folder + QStringLiteral("/predictions/epoch-001.bin"));
        QVERIFY(truncated.open(QIODevice::ReadWrite));
        truncated.resize(truncated.size() / 2);
        truncated.close();

        const RunRecord run = readRun(folder.toStdString());
        AnalysisPage page;
        page.showRun(folder, run.classNames, run.dataset, run.epochs);
        QVERIFY2(page.status()->text().contains(QStringLiteral("epoch-002.bin")),
                 qPrintable(page.status()->text()));
        // The matrix still shows, from the run's metrics.
        QCOMPARE(page.confusion()->matrix(), run.epochs.back().confusion);
        QCOMPARE(page.predictions()->rowCount(), 0);
        page.setEpoch(1);
        QVERIFY2(page.status()->text().contains(QStringLiteral("epoch-001.bin")),
                 qPrintable(page.status()->text()));
    }

    void missingDataSaysSoAndShowsThePredictions() {
        const RunRecord run = readRun(run_.toStdString());
        DatasetIdentity gone = run.dataset;
        gone.kind = "cifar10";
        gone.path = "/no/such/cifar";
        AnalysisPage page;
        QSignalSpy images(&page, &AnalysisPage::imagesLoadedChanged);
        page.showRun(run_, run.classNames, gone, run.epochs);
        QVERIFY(images.wait(30000));
        QVERIFY(!page.imagesLoaded());
        QVERIFY2(page.status()->text().contains(QStringLiteral("/no/such/cifar")),
                 qPrintable(page.status()->text()));
        QVERIFY(page.predictions()->rowCount() > 0);
    }

    void theExplainViewsAskTheShownEpochsCheckpoint() {
        const RunRecord run = readRun(run_.toStdString());
        AnalysisPage page;
        page.resize(1300, 800);
        page.show();
        QSignalSpy images(&page, &AnalysisPage::imagesLoadedChanged);
        page.showRun(run_, run.classNames, run.dataset, run.epochs, run.spec);
        QVERIFY(images.wait(30000));
        QCOMPARE(page.views()->count(), 3);
        auto* explained = page.findChild<QLabel*>(QStringLiteral("explainedCheckpoint"));
        QCOMPARE(explained->text(), QStringLiteral("Explained: epoch 2 (last.ckpt)"));
        QVERIFY(page.explainedCheckpoint().endsWith(QStringLiteral("checkpoints/last.ckpt")));
        page.setEpoch(1);
        const bool firstIsBest = run.epochs[0].testAccuracy >= run.epochs[1].testAccuracy;
        QCOMPARE(explained->text(),
                 firstIsBest ? QStringLiteral("Explained: epoch 1 (best.ckpt)")
                             : QStringLiteral("Explained: epoch 2 (best.ckpt), not the one shown"));
        page.setEpoch(2);

        // Every class's probability is kept now: a curve per class.
        QCOMPARE(page.precisionRecall()->plot()->seriesCount(), 10);

        // Suspect labels come from the explain thread, then filter the browser.
        QSignalSpy suspects(page.explainService(), &ui::ExplainService::suspectsReady);
        page.predictionBrowser()->suspectsFilter()->setChecked(true);
        QVERIFY(suspects.wait(60000));
        const auto search = suspects.at(0).at(0).value<std::shared_ptr<const SuspectSearch>>();
        QCOMPARE(page.predictions()->rowCount(), static_cast<int>(search->suspects.size()));
        QVERIFY(page.status()->text().contains(QStringLiteral("suspect label")));
        // Other weights answer at epoch 1 (best.ckpt): their suspects are asked for again.
        suspects.clear();
        page.setEpoch(1);
        QVERIFY(suspects.wait(60000));
        page.setEpoch(2);
        QVERIFY(suspects.wait(60000));

        // A branch double-clicked on the ablation tab asks for an experiment on this model.
        std::vector<std::pair<ModelSpec, QString>> vary;
        connect(&page, &AnalysisPage::varyRequested, this,
                [&vary](const ModelSpec& spec, const QString& field, const QString&) {
                    vary.emplace_back(spec, field);
                });
        QTest::mouseClick(page.ablation()->runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(page.ablation()->model()->rowCount(), 8, 60000);
        QTableView* table = page.ablation()->table();
        const QPoint at = table->visualRect(table->model()->index(0, 0)).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(vary.size(), std::size_t{1});
        QVERIFY(vary[0].first == run.spec);
        QCOMPARE(vary[0].second, QStringLiteral("units[0].out1x1"));
    }

    void tryingImagesWithoutARunSaysWhatIsMissing() {
        AnalysisPage page;
        page.tryImages({QStringLiteral("/tmp/whatever.png")});
        QVERIFY(
            page.status()->text().startsWith(QStringLiteral("Open a run with a checkpoint first")));
    }
};

QTEST_MAIN(AnalysisPageTest)
#include "AnalysisPageTest.moc"
