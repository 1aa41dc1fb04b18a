// The explain service answers on its own thread: Grad-CAM, neighbours, ablation (with
// cancel), suspects and tried files, and names what it cannot read.
#include "ui/analysis/ExplainService.hpp"

#include "core/explain/NearestNeighbours.hpp"
#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/analysis/ExplainTestSupport.hpp"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::ExplainService;

class ExplainServiceTest : public QObject {
    Q_OBJECT

private slots:
    void answersGradCamAndNeighboursOffTheGuiThread() {
        // The features computed here, not read from another test's cache.
        std::filesystem::remove_all(std::filesystem::path(test::explainCheckpoint().toStdString())
                                        .parent_path()
                                        .parent_path() /
                                    "explain");
        ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        QSignalSpy maps(&service, &ExplainService::gradCamReady);
        QSignalSpy neighbours(&service, &ExplainService::neighboursReady);
        QSignalSpy progress(&service, &ExplainService::progress);
        QSignalSpy busy(&service, &ExplainService::busyChanged);
        service.requestGradCam(3, kPredictedClass, -1);
        service.requestNeighbours(3);
        QVERIFY(service.isBusy());
        QVERIFY(neighbours.wait(60000));
        QCOMPARE(maps.count(), 1);
        const auto map = maps.at(0).at(1).value<std::shared_ptr<const GradCamResult>>();
        QCOMPARE(maps.at(0).at(0).toLongLong(), 3);
        QCOMPARE(map->map.width, 32);
        QCOMPARE(map->unit, 1); // the last of tiny's two units
        const auto found =
            neighbours.at(0).at(1).value<std::shared_ptr<const ui::NeighbourImages>>();
        QCOMPARE(found->images.size(), std::size_t{kExplainNeighbours});
        QCOMPARE(found->images.front().width(), 32);
        QVERIFY(found->labels.front() >= 0 && found->labels.front() < 10);
        QVERIFY(progress.count() > 0); // the features of every image, computed once
        QTRY_VERIFY(!service.isBusy());
        QCOMPARE(busy.last().at(0).toBool(), false);
    }

    void onlyTheLatestGradCamRequestIsAnswered() {
        ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        QSignalSpy maps(&service, &ExplainService::gradCamReady);
        for (int i = 0; i < 6; ++i)
            service.requestGradCam(i, kPredictedClass, 0);
        QVERIFY(maps.wait(60000));
        QTRY_VERIFY(!service.isBusy());
        QCOMPARE(maps.count(), 1);
        QCOMPARE(maps.at(0).at(0).toLongLong(), 5);
    }

    void ablationReportsEveryBranchAndCancels() {
        ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        QSignalSpy reports(&service, &ExplainService::ablationReady);
        QSignalSpy cancelled(&service, &ExplainService::cancelled);
        service.requestAblation(AblationMode::Zero);
        service.cancel(); // before its first step: nothing is evaluated
        QVERIFY(cancelled.wait(60000));
        QCOMPARE(reports.count(), 0);
        service.requestAblation(AblationMode::Mean);
        QVERIFY(reports.wait(60000));
        const auto report = reports.at(0).at(0).value<std::shared_ptr<const AblationReport>>();
        QCOMPARE(report->branches.size(), std::size_t{8});
        QCOMPARE(reports.at(0).at(1).toStringList().size(), 10);
    }

    void triesFilesAndNamesTheUnreadable() {
        QTemporaryDir folder;
        const QString good = folder.filePath(QStringLiteral("red.png"));
        QVERIFY(test::solidImage(Qt::red).scaled(64, 48).save(good));
        const QString bad = folder.filePath(QStringLiteral("bad.jpg"));
        test::writeFile(bad.toStdString(), "no image");
        ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        QSignalSpy tried(&service, &ExplainService::imagesTried);
        service.requestTriedImages({good, bad}, -1);
        QVERIFY(tried.wait(60000));
        const auto images =
            tried.at(0).at(0).value<std::shared_ptr<const std::vector<ui::TriedImage>>>();
        QCOMPARE(images->size(), std::size_t{2});
        QCOMPARE(images->at(0).image.size(), QSize(32, 32)); // as the model sees it
        QCOMPARE(images->at(0).probabilities.size(), std::size_t{10});
        QVERIFY(images->at(0).error.isEmpty());
        QVERIFY(images->at(1).error.contains(QStringLiteral("bad.jpg: cannot be decoded")));
    }

    void anotherEpochOfTheSameFileIsLoadedAgain() {
        // A run in progress rewrites last.ckpt: the epoch tells its weights apart.
        test::TemporaryFolder folder;
        const auto file = folder / "last.ckpt";
        std::filesystem::copy_file(test::explainCheckpoint().toStdString(), file);
        ExplainService service;
        service.setSubject(QString::fromStdString(file.string()), test::kExplainData, 1);
        QSignalSpy maps(&service, &ExplainService::gradCamReady);
        service.requestGradCam(0, 0, 0);
        QVERIFY(maps.wait(60000));
        ModelSpec spec = *preset("tiny");
        spec.head.dropout = 0.3; // other weights: another seed's first epoch
        const auto other = test::trainedCheckpoint(folder / "other", spec);
        std::filesystem::copy_file(other, file, std::filesystem::copy_options::overwrite_existing);
        service.setSubject(QString::fromStdString(file.string()), test::kExplainData, 1);
        service.requestGradCam(0, 0, 0);
        QVERIFY(maps.wait(60000));
        service.setSubject(QString::fromStdString(file.string()), test::kExplainData, 2);
        service.requestGradCam(0, 0, 0);
        QVERIFY(maps.wait(60000));
        const auto first = maps.at(0).at(1).value<std::shared_ptr<const GradCamResult>>();
        const auto sameEpoch = maps.at(1).at(1).value<std::shared_ptr<const GradCamResult>>();
        const auto nextEpoch = maps.at(2).at(1).value<std::shared_ptr<const GradCamResult>>();
        QCOMPARE(sameEpoch->probabilities, first->probabilities); // the model in memory
        QVERIFY(nextEpoch->probabilities != first->probabilities);
    }

    void aMissingCheckpointIsAOneLineFailure() {
        ExplainService service;
        service.setSubject(QStringLiteral("/nowhere/best.ckpt"), test::kExplainData);
        QSignalSpy failed(&service, &ExplainService::failed);
        service.requestGradCam(0, kPredictedClass, -1);
        QVERIFY(failed.wait(30000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Grad-CAM: /nowhere/best.ckpt")),
                 qPrintable(message));
        QVERIFY(!message.contains('\n'));
    }
};

INCEPTION_QT_TEST(ExplainServiceTest)
#include "ExplainServiceTest.moc"
