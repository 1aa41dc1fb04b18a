#include "ui/reports/ReportExport.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/reports/ReportTestSupport.hpp"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;

class ReportExportTest : public QObject {
    Q_OBJECT

private slots:
    void writesHtmlOrPdfOfARunAndNamesWhatIsWrong() {
        test::isolateSettings();
        QTemporaryDir dir;
        const QString run = test::reportedRun(dir.filePath(QStringLiteral("runs")));
        QVERIFY(!run.isEmpty());
        QCOMPARE(ui::reportFormatNamed(QStringLiteral("PDF")), ui::ReportFormat::Pdf);
        QVERIFY(!ui::reportFormatNamed(QStringLiteral("doc")));

        const QString pdf = dir.filePath(QStringLiteral("run.pdf"));
        QCOMPARE(ui::exportReport(run, pdf, ui::ReportFormat::Pdf), QString());
        const QString text = test::pdfText(pdf);
        for (const char* heading :
             {"Model", "Data and recipe", "Curves", "Confusion at the best epoch", "Per class",
              "Most confident mistakes", "Machine and timings", "Notes",
              "Two epochs to show the report."})
            QVERIFY2(text.contains(QString::fromUtf8(heading)), heading);

        const QString html = dir.filePath(QStringLiteral("run.html"));
        QCOMPARE(ui::exportReport(run, html, ui::ReportFormat::Html), QString());
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("<h2 id=\"mistakes\""));

        QCOMPARE(ui::exportReport(dir.path(), html, ui::ReportFormat::Html),
                 dir.path() + QStringLiteral(": neither a run (run.json) nor an experiment "
                                             "(experiment.json) folder"));
        const QString nowhere = dir.filePath(QStringLiteral("missing/run.html"));
        QVERIFY(ui::exportReport(run, nowhere, ui::ReportFormat::Html).startsWith(nowhere + ": "));
    }
};

INCEPTION_QT_TEST(ReportExportTest)
#include "ReportExportTest.moc"
