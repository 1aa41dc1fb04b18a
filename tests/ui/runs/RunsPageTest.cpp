#include "ui/runs/RunsPage.hpp"

#include "tests/support/QtTestSupport.hpp"
#include "ui/common/MessageBanner.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/runs/RunCatalog.hpp"
#include "ui/runs/RunListModel.hpp"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace inception;
using inception::ui::RunCatalog;
using inception::ui::RunListModel;
using inception::ui::RunsPage;
namespace fs = std::filesystem;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

void appendAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
    file.write(bytes);
}

QString copyRun(const QString& from, const QString& to) {
    fs::copy(from.toStdString(), to.toStdString(), fs::copy_options::recursive);
    return to;
}

// The catalog row of `folder`, in the view's (sorted) order.
int rowOf(const QAbstractItemModel* model, const QString& folder) {
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(RunListModel::kFolderRole).toString() == folder)
            return row;
    return -1;
}

// Points the catalog at `root` and waits for its first scan.
bool scan(RunCatalog& catalog, const QString& root) {
    QSignalSpy scanned(&catalog, &RunCatalog::scanFinished);
    catalog.setRoot(root);
    return scanned.wait(30000);
}

QString cell(const QAbstractItemModel* model, const QString& folder, int column) {
    return model->index(rowOf(model, folder), column).data().toString();
}

} // namespace

class RunsPageTest : public QObject {
    Q_OBJECT

    QTemporaryDir source_; // a run written by inception-cli, copied into each test
    QString cliRun_;

    std::pair<QString, QString> twoRuns(const QTemporaryDir& root) {
        return {copyRun(cliRun_, root.filePath(QStringLiteral("20260101-120000-a"))),
                copyRun(cliRun_, root.filePath(QStringLiteral("20260101-130000-b")))};
    }

private slots:
    void initTestCase() {
        test::isolateSettings();
        QProcess cli;
        cli.start(QStringLiteral(INCEPTION_CLI_PATH),
                  {QStringLiteral("train"), QStringLiteral("--data"), test::kQuickData,
                   QStringLiteral("--model"), QStringLiteral("tiny"), QStringLiteral("--epochs"),
                   QStringLiteral("2"), QStringLiteral("--batch-size"), QStringLiteral("10"),
                   QStringLiteral("--lr"), QStringLiteral("0.01"), QStringLiteral("--threads"),
                   QStringLiteral("1"), QStringLiteral("--name"), QStringLiteral("cli-run"),
                   QStringLiteral("--out"), source_.path()});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QStringList folders =
            QDir(source_.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(folders.size(), 1);
        cliRun_ = source_.filePath(folders.first());
    }

    void listsRunsWrittenByTheCliIncludingDamagedOnes() {
        QTemporaryDir root;
        const QString finished =
            copyRun(cliRun_, root.filePath(QStringLiteral("20260101-120000-cli-run")));
        // Killed while writing: the last metric line is cut short.
        const QString truncated =
            copyRun(cliRun_, root.filePath(QStringLiteral("20260101-130000-killed")));
        const QByteArray metrics = readAll(truncated + QStringLiteral("/metrics.jsonl"));
        const qsizetype lastLine = metrics.lastIndexOf('\n', metrics.size() - 2) + 1;
        QVERIFY(metrics.mid(lastLine).contains("\"type\":\"epoch\""));
        writeAll(truncated + QStringLiteral("/metrics.jsonl"), metrics.left(lastLine + 30));
        const QString damaged = root.filePath(QStringLiteral("20260101-140000-damaged"));
        QDir().mkpath(damaged);
        writeAll(damaged + QStringLiteral("/run.json"), "{ not json");
        QDir().mkpath(root.filePath(QStringLiteral("not-a-run"))); // no run.json: ignored
        // As rank 0 of three writes it.
        const QString group =
            copyRun(cliRun_, root.filePath(QStringLiteral("20260101-150000-three-ranks")));
        QJsonObject info =
            QJsonDocument::fromJson(readAll(group + QStringLiteral("/run.json"))).object();
        info[QStringLiteral("distributed")] =
            QJsonObject{{QStringLiteral("world_size"), 3}, {QStringLiteral("backend"), "gloo"}};
        writeAll(group + QStringLiteral("/run.json"), QJsonDocument(info).toJson());

        RunCatalog catalog;
        RunsPage page(&catalog);
        QAbstractItemModelTester tester(page.table()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(scan(catalog, root.path()));
        const QAbstractItemModel* model = page.table()->model();
        QCOMPARE(model->rowCount(), 4);

        QVERIFY(cell(model, finished, RunListModel::Name).endsWith(QStringLiteral("-cli-run")));
        QCOMPARE(cell(model, finished, RunListModel::Status), QStringLiteral("finished"));
        QCOMPARE(cell(model, finished, RunListModel::Epochs), QStringLiteral("2 / 2"));
        QVERIFY(cell(model, finished, RunListModel::BestAccuracy).endsWith('%'));
        QVERIFY(cell(model, finished, RunListModel::Model).startsWith(QStringLiteral("tiny · ")));
        QCOMPARE(cell(model, truncated, RunListModel::Epochs), QStringLiteral("1 / 2"));
        QCOMPARE(cell(model, damaged, RunListModel::Status), QStringLiteral("unreadable"));
        const QString why = model->index(rowOf(model, damaged), 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(why.contains(QStringLiteral("run.json: damaged")), qPrintable(why));
        QCOMPARE(cell(model, group, RunListModel::Status), QStringLiteral("finished · 3 ranks"));
        const QString how = model->index(rowOf(model, group), 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(how.contains(QStringLiteral("Data-parallel on 3 ranks (gloo)")), qPrintable(how));

        // Sorting by best accuracy keeps every row.
        page.table()->sortByColumn(RunListModel::BestAccuracy, Qt::AscendingOrder);
        QCOMPARE(model->rowCount(), 4);
    }

    void followsARunWhileItGrows() {
        QTemporaryDir root;
        const QString run =
            copyRun(cliRun_, root.filePath(QStringLiteral("20260101-120000-growing")));
        const QString metricsPath = run + QStringLiteral("/metrics.jsonl");
        const QByteArray metrics = readAll(metricsPath);
        const qsizetype firstEpochEnd =
            metrics.indexOf('\n', metrics.indexOf("\"type\":\"epoch\"")) + 1;
        writeAll(metricsPath, metrics.left(firstEpochEnd));

        RunCatalog catalog;
        catalog.setPollInterval(50);
        RunsPage page(&catalog);
        QVERIFY(scan(catalog, root.path()));
        const QAbstractItemModel* model = page.table()->model();
        QCOMPARE(cell(model, run, RunListModel::Epochs), QStringLiteral("1 / 2"));
        page.selectFolders({run});
        QCOMPARE(page.overlay()->pointCount(0), 1);

        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        appendAll(metricsPath, metrics.mid(firstEpochEnd)); // synced from another machine
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, run, RunListModel::Epochs), QStringLiteral("2 / 2"),
                                  10000);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(page.overlay()->pointCount(0), 2); // the overlay follows too
    }

    void overlaysTheSelectedRuns() {
        QTemporaryDir root;
        const auto [a, b] = twoRuns(root);
        RunCatalog catalog;
        RunsPage page(&catalog);
        QVERIFY(scan(catalog, root.path()));
        page.selectFolders({a, b});
        QCOMPARE(page.selectedFolders().size(), 2);
        QCOMPARE(page.overlay()->seriesCount(), 2);
        QCOMPARE(page.overlay()->pointCount(1), 2);
        page.selectFolders({b});
        QCOMPARE(page.overlay()->seriesCount(), 1);
    }

    void renamesAndDeletes() {
        QTemporaryDir root;
        const auto [a, b] = twoRuns(root);
        RunCatalog catalog;
        RunsPage page(&catalog);
        QVERIFY(scan(catalog, root.path()));
        const QAbstractItemModel* model = page.table()->model();

        QCOMPARE(page.renameRun(a, QStringLiteral("  baseline  ")), QString());
        QCOMPARE(cell(model, a, RunListModel::Name), QStringLiteral("baseline"));
        QVERIFY(page.renameRun(a, QString()).contains(QStringLiteral("must not be empty")));

        page.setActiveRun(b);
        QVERIFY(page.deleteRuns({b}, true).contains(QStringLiteral("still training")));
        QVERIFY(QFileInfo::exists(b));
        page.setActiveRun(QString());

        QCOMPARE(page.deleteRuns({a}, true), QString());
        QVERIFY(!QFileInfo::exists(a));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
        QCOMPARE(model->index(0, 0).data(RunListModel::kFolderRole).toString(), b);
    }

    void aMissingRootIsCreatedEmpty() {
        QTemporaryDir parent;
        RunCatalog catalog;
        QVERIFY(scan(catalog, parent.filePath(QStringLiteral("new/runs"))));
        QVERIFY(catalog.entries().empty());
        QVERIFY(QFileInfo(parent.filePath(QStringLiteral("new/runs"))).isDir());
    }
};

QTEST_MAIN(RunsPageTest)
#include "RunsPageTest.moc"
