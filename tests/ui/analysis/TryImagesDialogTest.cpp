// Your own images: a folder opened to its images, each tried on the model, the unreadable
// named in the list, the chosen one shown with its top five and map.
#include "ui/analysis/TryImagesDialog.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/analysis/ExplainTestSupport.hpp"
#include "ui/analysis/ExplainService.hpp"
#include "ui/analysis/HeatMapView.hpp"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::TryImagesDialog;

class TryImagesDialogTest : public QObject {
    Q_OBJECT

private slots:
    void triesAFoldersImagesAndNamesTheUnreadable() {
        QTemporaryDir folder;
        QVERIFY(test::solidImage(Qt::blue).scaled(100, 80).save(
            folder.filePath(QStringLiteral("b.png"))));
        QVERIFY(test::solidImage(Qt::yellow).save(folder.filePath(QStringLiteral("a.jpg"))));
        test::writeFile(folder.filePath(QStringLiteral("c.bmp")).toStdString(), "broken");
        test::writeFile(folder.filePath(QStringLiteral("notes.txt")).toStdString(), "not an image");
        const QStringList files = TryImagesDialog::imageFiles({folder.path()});
        QCOMPARE(files.size(), 3);
        QVERIFY(files[0].endsWith(QStringLiteral("a.jpg")));
        QVERIFY(files[2].endsWith(QStringLiteral("c.bmp")));

        ui::ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        QStringList names;
        for (int c = 0; c < 10; ++c)
            names << QStringLiteral("class %1").arg(c);
        TryImagesDialog dialog(&service, names);
        dialog.show();
        dialog.tryFiles(files);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.list()->count(), 3, 60000);
        QVERIFY(dialog.list()->item(0)->text().contains(QStringLiteral("class ")));
        QVERIFY(
            dialog.list()->item(2)->toolTip().contains(QStringLiteral("c.bmp: cannot be decoded")));
        QCOMPARE(dialog.list()->currentRow(), 0);
        QCOMPARE(dialog.top()->text().count(QLatin1Char('%')), 5);
        QVERIFY(dialog.heatMap()->hasMap());
        dialog.list()->setCurrentRow(2);
        QVERIFY(dialog.top()->text().contains(QStringLiteral("cannot be decoded")));
        QVERIFY(!dialog.heatMap()->hasMap());
    }
};

INCEPTION_QT_TEST(TryImagesDialogTest)
#include "TryImagesDialogTest.moc"
