#include "ui/reports/RunReport.hpp"

#include "core/base/InputError.hpp"
#include "core/runs/RunDirectory.hpp"
#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/reports/ReportTestSupport.hpp"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;

class RunReportTest : public QObject {
    Q_OBJECT

    QTemporaryDir runs_;
    QString run_;

private slots:
    void initTestCase() {
        test::isolateSettings();
        run_ = test::reportedRun(runs_.path());
        QVERIFY(!run_.isEmpty());
    }

    void holdsEverySectionOfARealRun() {
        const ui::ReportDocument report = ui::runReport(run_);
        const QString html = report.html(true);
        QCOMPARE(test::sectionIds(html), (QStringList{"model", "data", "curves", "confusion",
                                                      "classes", "mistakes", "machine", "notes"}));
        const RunRecord run = readRun(run_.toStdString());
        // The model's layer table, its totals, the data and the recipe's settings.
        QVERIFY(html.contains(QStringLiteral("<td>conv1.0</td>")));
        QVERIFY(html.contains(QStringLiteral("synthetic")));
        QVERIFY(html.contains(QStringLiteral("<td class=\"k\">batch_size</td><td>10</td>")));
        // The best epoch's confusion and its classes, as the Analysis page counts them.
        const auto best = std::max_element(
            run.epochs.begin(), run.epochs.end(),
            [](const auto& a, const auto& b) { return a.testAccuracy < b.testAccuracy; });
        QVERIFY(html.contains(QStringLiteral("Confusion at the best epoch (%1)").arg(best->epoch)));
        for (const std::string& name : run.classNames)
            QVERIFY(html.contains(QStringLiteral("<td>%1</td>").arg(QString::fromStdString(name))));
        // Pictures: diagram, four curves, the heatmap and the contact sheet (the tiny model
        // makes mistakes after two epochs).
        QVERIFY(best->testAccuracy < 1.0);
        QCOMPARE(report.pictures().size(), std::size_t{7});
        QVERIFY(html.contains(QStringLiteral("misclassified with the highest confidence")));
        for (const QImage& picture : report.pictures())
            QVERIFY(picture.width() >= 300 && picture.height() >= 100);
        // Printed sharp: the curves are drawn at three times their shown size.
        QCOMPARE(report.pictures()[1].width(), 560 * 3);
        // The notes, escaped.
        QVERIFY(html.contains(QStringLiteral("shared, tiny &lt;b&gt;model&lt;/b&gt;")));
        QVERIFY(html.contains(
            QStringLiteral("Two epochs to show the report.<br>Second line &amp; more.")));
        QVERIFY(html.contains(QString::fromStdString(run.cpu).toHtmlEscaped()));
    }

    void saysWhatIsMissing() {
        QTemporaryDir copy;
        const QString run = copy.filePath(QStringLiteral("run"));
        std::filesystem::copy(run_.toStdString(), run.toStdString(),
                              std::filesystem::copy_options::recursive);
        std::filesystem::remove_all(run.toStdString() + "/predictions");
        const QString html = ui::runReport(run).html(false);
        QVERIFY2(html.contains(QStringLiteral("Not shown: ")) &&
                     html.contains(QStringLiteral("epoch-00")),
                 qPrintable(html.mid(html.indexOf(QStringLiteral("id=\"mistakes\"")), 300)));

        std::filesystem::remove(run.toStdString() + "/run.json");
        try {
            ui::runReport(run);
            QFAIL("a folder without run.json is no run");
        } catch (const InputError& e) {
            QVERIFY(
                QString::fromStdString(e.oneLine()).contains(QStringLiteral("run.json: missing")));
        }
    }
};

INCEPTION_QT_TEST(RunReportTest)
#include "RunReportTest.moc"
