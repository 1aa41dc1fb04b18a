#include "ui/reports/ReportJob.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/reports/ReportTestSupport.hpp"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;

class ReportJobTest : public QObject {
    Q_OBJECT

private slots:
    void writesInTheBackgroundThroughTheRenderer() {
        test::isolateSettings();
        qputenv("INCEPTION_REPORT", INCEPTION_REPORT_PATH);
        QTemporaryDir dir;
        const QString run = test::reportedRun(dir.filePath(QStringLiteral("runs")));
        QVERIFY(!run.isEmpty());
        ui::ReportJob job;
        QSignalSpy finished(&job, &ui::ReportJob::finished);
        QSignalSpy failed(&job, &ui::ReportJob::failed);
        const QString out = dir.filePath(QStringLiteral("report.pdf"));
        QVERIFY(job.start(run, out));
        QVERIFY(job.isRunning()); // the window goes on meanwhile
        QVERIFY(!job.start(run, out));
        QCOMPARE(failed.size(), 1);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toString(), out);
        QVERIFY(test::pdfText(out).contains(QStringLiteral("Most confident mistakes")));

        failed.clear();
        QVERIFY(job.start(dir.path(), dir.filePath(QStringLiteral("none.html"))));
        QVERIFY(failed.wait(120000));
        QCOMPARE(failed.first().first().toString(),
                 dir.path() + QStringLiteral(": neither a run (run.json) nor an experiment "
                                             "(experiment.json) folder"));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("none.html"))));

        qputenv("INCEPTION_REPORT", "/nonexistent/inception-report");
        failed.clear();
        job.start(run, out);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(failed.first().first().toString().startsWith(QStringLiteral(
            "/nonexistent/inception-report: the report renderer cannot be started")));
        qunsetenv("INCEPTION_REPORT");
    }
};

INCEPTION_QT_TEST(ReportJobTest)
#include "ReportJobTest.moc"
