// The Data page: what a data set holds, samples of each class, and the augmentation with its
// preview, loaded off the GUI thread; and the augmentation reaching the next run's settings.
#include "ui/data/DataPage.hpp"
#include "ui/data/AugmentationPanel.hpp"
#include "ui/data/ClassCountChart.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/data/DataSourceChooser.hpp"
#include "ui/data/SampleGrid.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/MainWindow.hpp"

#include "core/data/DatasetSummary.hpp"
#include "tests/support/QtTestSupport.hpp"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::DataPage;

class DataPageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        test::isolateSettings();
        qputenv("INCEPTION_CACHE_DIR", cache_.path().toLocal8Bit());
    }

    void showsWhatTheDataHolds() {
        DataPage page;
        page.resize(1300, 800);
        page.show();
        QSignalSpy shown(&page, &DataPage::summaryShown);
        page.showSource(ui::syntheticSource(12));
        QVERIFY(shown.wait(10000));
        QVERIFY(page.summary());
        const DatasetSummary& s = *page.summary();
        QCOMPARE(s.classNames.size(), std::size_t{10});
        QCOMPARE(page.classCounts()->counts(3), std::make_pair(12.0, 10.0));
        QCOMPARE(page.samples()->rowCount(), 10);
        QCOMPARE(page.samples()->imageCount(0), DataPage::kSamplesPerClass);
        const QString facts = page.findChild<QLabel*>(QStringLiteral("dataFacts"))->text();
        QVERIFY2(facts.contains(QStringLiteral("32 x 32 pixels, RGB")), qPrintable(facts));
        QVERIFY(facts.contains(QString::fromStdString(s.identity.hash)));
        QVERIFY(facts.contains(QString::number(s.mean[0], 'f', 4)));
    }

    // Copies of MNIST that name their files with a dot (train-images.idx3-ubyte) train in the
    // CLI; the page once refused them with a check of its own.
    void anIdxFolderWithDottedNamesIsShown() {
        QTemporaryDir root;
        const auto bigEndian = [](QByteArray& bytes, quint32 value) {
            for (int shift = 24; shift >= 0; shift -= 8)
                bytes.append(static_cast<char>((value >> shift) & 0xff));
        };
        const auto write = [&](const QString& name, quint32 magic, QList<quint32> sizes,
                               const QByteArray& data) {
            QByteArray bytes;
            bigEndian(bytes, magic);
            for (quint32 size : sizes)
                bigEndian(bytes, size);
            QFile file(root.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes + data);
        };
        for (const auto& [prefix, count] : {std::pair{"train", 6}, std::pair{"t10k", 4}}) {
            QByteArray labels;
            for (int i = 0; i < count; ++i)
                labels.append(static_cast<char>(i % 2));
            write(QStringLiteral("%1-images.idx3-ubyte").arg(QString::fromLatin1(prefix)), 0x803,
                  {quint32(count), 5, 5}, QByteArray(count * 25, char(90)));
            write(QStringLiteral("%1-labels.idx1-ubyte").arg(QString::fromLatin1(prefix)), 0x801,
                  {quint32(count)}, labels);
        }
        const QString source = ui::idxSource(root.path());
        QCOMPARE(ui::checkDataSource(source), QString());

        DataPage page;
        page.chooser()->setSource(source);
        QVERIFY(page.chooser()->findChild<QLabel*>(QStringLiteral("sourceProblem"))->isHidden());
        QSignalSpy shown(&page, &DataPage::summaryShown);
        page.showSource(source);
        QVERIFY(shown.wait(10000));
        QVERIFY2(page.summary(), qPrintable(page.loadProblem()));
        QCOMPARE(page.summary()->identity.trainCount, 6);
        QCOMPARE(page.summary()->identity.testCount, 4);
        const QString facts = page.findChild<QLabel*>(QStringLiteral("dataFacts"))->text();
        QVERIFY2(facts.contains(QStringLiteral("5 x 5 pixels")), qPrintable(facts));
    }

    void anImageFolderShowsItsNotesAndABadOneItsProblem() {
        QTemporaryDir root;
        for (const char* split : {"train", "test"})
            for (const char* label : {"red", "blue"}) {
                const QString folder = root.filePath(QStringLiteral("%1/%2").arg(split, label));
                QDir().mkpath(folder);
                QImage image(10, 10, QImage::Format_RGB888);
                image.fill(QString::fromLatin1(label) == QStringLiteral("red") ? Qt::red
                                                                               : Qt::blue);
                for (int i = 0; i < 3; ++i)
                    QVERIFY(image.save(folder + QStringLiteral("/%1.png").arg(i)));
            }
        QFile stray(root.filePath(QStringLiteral("train/red/notes.txt")));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();

        DataPage page;
        QSignalSpy shown(&page, &DataPage::summaryShown);
        page.showSource(ui::imageFolderSource(root.path()));
        QVERIFY(shown.wait(10000));
        QVERIFY(page.summary());
        QCOMPARE(page.summary()->classNames, (std::vector<std::string>{"blue", "red"}));
        const QString facts = page.findChild<QLabel*>(QStringLiteral("dataFacts"))->text();
        QVERIFY2(facts.contains(QStringLiteral("notes.txt: skipped")), qPrintable(facts));

        // A class in train/ that test/ lacks: the reader's one-line message, no overview.
        QDir().mkpath(root.filePath(QStringLiteral("train/green")));
        page.showSource(QStringLiteral("synthetic:3")); // another source in between
        QVERIFY(shown.wait(10000));
        page.showSource(ui::imageFolderSource(root.path()));
        QVERIFY(shown.wait(10000));
        QVERIFY(!page.summary());
        QVERIFY2(page.loadProblem().contains(QStringLiteral("has no folder for class 'green'")),
                 qPrintable(page.loadProblem()));
        QCOMPARE(page.samples()->rowCount(), 0);
    }

    void thePreviewFollowsTheAugmentation() {
        DataPage page;
        QSignalSpy shown(&page, &DataPage::summaryShown);
        page.showSource(ui::syntheticSource(4));
        QVERIFY(shown.wait(10000));
        ui::AugmentationPanel* panel = page.augmentation();
        ui::SampleGrid* preview = panel->preview();
        QCOMPARE(preview->rowCount(), 3);
        const QImage stored = preview->grab().toImage();
        QSignalSpy changed(panel, &ui::AugmentationPanel::changed);
        panel->findChild<QSpinBox*>(QStringLiteral("cropPadding"))->setValue(6);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.last().first().value<AugmentOptions>().cropPadding, 6);
        const QImage cropped = preview->grab().toImage();
        QVERIFY(cropped != stored);
        panel->drawAgain();
        QVERIFY(preview->grab().toImage() != cropped);
        // Setting it from outside (a restored run's settings) shows it without echoing back.
        panel->setAugmentation(standardAugmentation());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel->findChild<QSpinBox*>(QStringLiteral("cropPadding"))->value(), 4);
    }

    void theAugmentationGoesIntoTheNextRunsSettings() {
        ui::MainWindow window;
        window.setDataSource(QStringLiteral("synthetic:3"));
        auto* panel = window.dataPage()->augmentation();
        panel->findChild<QCheckBox*>(QStringLiteral("horizontalFlip"))->setChecked(true);
        panel->findChild<QCheckBox*>(QStringLiteral("normalize"))->setChecked(true);
        const TrainingConfig config = window.trainingPage()->form()->config();
        QVERIFY(config.augmentation.horizontalFlip);
        QVERIFY(config.augmentation.normalize);
        QCOMPARE(config.augmentation.cropPadding, 0);
        // The notebook's recipe has none, and the Data page follows.
        window.trainingPage()->form()->resetToNotebookRecipe();
        QVERIFY(!panel->findChild<QCheckBox*>(QStringLiteral("horizontalFlip"))->isChecked());
    }

    void sourcesOfEveryKindAreCheckedAndDescribed() {
        QTemporaryDir empty;
        QVERIFY(ui::checkDataSource(ui::imageFolderSource(empty.path()))
                    .contains(QStringLiteral("not an image folder (no train/")));
        QVERIFY(ui::checkDataSource(ui::idxSource(empty.path()))
                    .contains(QStringLiteral("not an IDX folder (no train-images-idx3-ubyte)")));
        QVERIFY(ui::checkDataSource(QStringLiteral("mnist:/x"))
                    .contains(QStringLiteral("unknown data source")));
        QVERIFY(ui::describeDataSource(ui::idxSource(empty.path()))
                    .startsWith(QStringLiteral("IDX files")));
    }

private:
    QTemporaryDir cache_;
};

QTEST_MAIN(DataPageTest)
#include "DataPageTest.moc"
