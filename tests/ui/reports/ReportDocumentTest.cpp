#include "ui/reports/ReportDocument.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/reports/ReportTestSupport.hpp"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::ReportDocument;

class ReportDocumentTest : public QObject {
    Q_OBJECT

    static ReportDocument sample() {
        ReportDocument report(QStringLiteral("Run <seed> & co"));
        report.section(QStringLiteral("model"), QStringLiteral("Model"));
        report.paragraph(QStringLiteral("a < b\nsecond line"));
        report.keyValues({{QStringLiteral("Best"), QStringLiteral("72.18%")}});
        report.table({QStringLiteral("Layer"), QStringLiteral("MACs")},
                     {{QStringLiteral("conv1.0"), QStringLiteral("2,408,448")}}, {1});
        QImage red(30, 20, QImage::Format_RGB32);
        red.fill(Qt::red);
        report.section(QStringLiteral("curves"), QStringLiteral("Curves"), true);
        report.pictureRow({red, red}, 300, {QStringLiteral("left"), QStringLiteral("right")});
        return report;
    }

private slots:
    void htmlIsSelfContainedAndEscaped() {
        const ReportDocument report = sample();
        const QString html = report.html(true);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<title>Run &lt;seed&gt; &amp; co</title>")));
        QVERIFY(html.contains(QStringLiteral("<h2 id=\"model\">Model</h2>")));
        QVERIFY(html.contains(QStringLiteral("a &lt; b<br>second line")));
        QVERIFY(html.contains(QStringLiteral("<td class=\"n\" align=\"right\">2,408,448</td>")));
        QCOMPARE(html.count(QStringLiteral("<img src=\"data:image/png;base64,")), 2);
        QVERIFY(html.contains(QStringLiteral("width=\"300\" height=\"200\""))); // 30x20 at 300
        QVERIFY(!html.contains(QStringLiteral("@@PICTURE")));
        QVERIFY(!html.contains(QStringLiteral("src=\"picture-")));
        // Not embedded: the pictures by the names the PDF's document holds them under.
        QCOMPARE(report.html(false).count(QStringLiteral("src=\"picture-")), 2);
        QCOMPARE(report.pictures().size(), std::size_t{2});
    }

    void writesPdfWithItsTextAndNothingHalfWritten() {
        QTemporaryDir dir;
        const ReportDocument report = sample();
        const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
        QCOMPARE(report.writePdf(pdf), QString());
        const QString text = test::pdfText(pdf);
        QVERIFY2(!text.isEmpty(), "pdftotext (poppler-utils) reads the PDF");
        QVERIFY(text.contains(QStringLiteral("Run <seed> & co")));
        QVERIFY(text.contains(QStringLiteral("Curves")));
        QVERIFY(text.contains(QStringLiteral("2,408,448")));

        const QString html = dir.filePath(QStringLiteral("r.html"));
        QCOMPARE(report.writeHtml(html), QString());
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), report.html(true));

        const QString nowhere = dir.filePath(QStringLiteral("missing/r.pdf"));
        const QString error = report.writePdf(nowhere);
        QVERIFY2(error.startsWith(nowhere + QStringLiteral(": ")), qPrintable(error));
        QVERIFY(!error.contains('\n'));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2); // no temporary left
    }
};

INCEPTION_QT_TEST(ReportDocumentTest)
#include "ReportDocumentTest.moc"
