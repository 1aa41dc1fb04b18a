#include "ui/runs/RunsPage.hpp"

#include "core/runs/RunNotes.hpp"
#include "tests/support/QtTestGroup.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "tests/support/RunCopies.hpp"
#include "ui/common/MessageBanner.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/runs/RunCatalog.hpp"
#include "ui/runs/RunListModel.hpp"

#include <QAbstractItemDelegate>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
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

    void showsBestLastAndRangesOfTestAccuracyAndLoss() {
        QTemporaryDir root;
        const QString run = copyRun(cliRun_, root.filePath(QStringLiteral("20260101-120000-r")));
        RunCatalog catalog;
        RunsPage page(&catalog);
        QVERIFY(scan(catalog, root.path()));
        const QAbstractItemModel* model = page.table()->model();
        const RunRecord record = readRun(run.toStdString());
        QCOMPARE(record.epochs.size(), std::size_t{2});
        const auto pct = [](double v) { return QStringLiteral("%1%").arg(100 * v, 0, 'f', 2); };
        const double a1 = record.epochs[0].testAccuracy, a2 = record.epochs[1].testAccuracy;
        const double l1 = record.epochs[0].testLoss, l2 = record.epochs[1].testLoss;
        QCOMPARE(cell(model, run, RunListModel::BestAccuracy), pct(std::max(a1, a2)));
        QCOMPARE(cell(model, run, RunListModel::LastAccuracy), pct(a2));
        QCOMPARE(cell(model, run, RunListModel::AccuracyRange),
                 QStringLiteral("%1–%2%")
                     .arg(100 * std::min(a1, a2), 0, 'f', 2)
                     .arg(100 * std::max(a1, a2), 0, 'f', 2));
        QCOMPARE(cell(model, run, RunListModel::BestLoss),
                 QString::number(std::min(l1, l2), 'f', 4));
        QCOMPARE(cell(model, run, RunListModel::LastLoss), QString::number(l2, 'f', 4));
        QCOMPARE(cell(model, run, RunListModel::LossRange), QStringLiteral("%1–%2")
                                                                .arg(std::min(l1, l2), 0, 'f', 3)
                                                                .arg(std::max(l1, l2), 0, 'f', 3));
    }

    void editsTagsAndNotesInPlaceAndFiltersByThem() {
        QTemporaryDir root;
        const auto [a, b] = twoRuns(root);
        RunCatalog catalog;
        RunsPage page(&catalog);
        QVERIFY(scan(catalog, root.path()));
        QAbstractItemModel* model = page.table()->model();

        QVERIFY(model->setData(model->index(rowOf(model, a), RunListModel::Tags),
                               QStringLiteral(" baseline ,tiny,, baseline")));
        QCOMPARE(readRunNotes(a.toStdString()).tags,
                 (std::vector<std::string>{"baseline", "tiny"}));
        QCOMPARE(cell(model, a, RunListModel::Tags), QStringLiteral("baseline, tiny"));
        QVERIFY(
            model->index(rowOf(model, a), RunListModel::Name).data(Qt::DecorationRole).isNull());

        // The note, typed in the cell's own editor.
        const QModelIndex noteCell = model->index(rowOf(model, a), RunListModel::Note);
        page.table()->edit(noteCell);
        auto* editor = page.table()->findChild<QPlainTextEdit*>(QStringLiteral("noteEditor"));
        QVERIFY(editor);
        editor->setPlainText(QStringLiteral("the one to beat\nsecond line"));
        emit page.table()->itemDelegateForColumn(RunListModel::Note)->commitData(editor);
        QCOMPARE(readRunNotes(a.toStdString()).note, "the one to beat\nsecond line");
        QCOMPARE(cell(model, a, RunListModel::Note), QStringLiteral("the one to beat"));
        QVERIFY(!model->index(rowOf(model, a), RunListModel::Name)
                     .data(Qt::DecorationRole)
                     .isNull()); // the marker
        QVERIFY(model->index(rowOf(model, a), RunListModel::Name)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith(QStringLiteral("second line")));

        // The report of the one selected run is asked for from the toolbar.
        page.selectFolders({a});
        QSignalSpy report(&page, &RunsPage::reportRequested);
        QAction* reportAction = nullptr;
        for (QAction* action : page.findChildren<QAction*>())
            if (action->text() == QStringLiteral("Report..."))
                reportAction = action;
        QVERIFY(reportAction && reportAction->isEnabled());
        reportAction->trigger();
        QCOMPARE(report.size(), 1);
        QCOMPARE(report.first().first().toString(), a);

        // Filter by tag (the chooser lists every tag) and by text.
        QCOMPARE(page.tagChooser()->count(), 3);
        page.tagChooser()->setCurrentIndex(page.tagChooser()->findData(QStringLiteral("tiny")));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(RunListModel::kFolderRole).toString(), a);
        page.tagChooser()->setCurrentIndex(0);
        page.filterEdit()->setText(QStringLiteral("beat"));
        QCOMPARE(model->rowCount(), 1);
        page.filterEdit()->setText(QStringLiteral("nothing-like-this"));
        QCOMPARE(model->rowCount(), 0);
        page.filterEdit()->clear();
        QCOMPARE(model->rowCount(), 2);

        // Tagged from the CLI while the page is open: the page follows.
        catalog.setPollInterval(50);
        tagRun(b.toStdString(), {"from-cli"});
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, b, RunListModel::Tags), QStringLiteral("from-cli"),
                                  10000);
        QCOMPARE(page.tagChooser()->count(), 4);

        // A damaged notes.json is named and left alone.
        writeAll(b + QStringLiteral("/notes.json"), "{ damaged");
        QTRY_VERIFY_WITH_TIMEOUT(cell(model, b, RunListModel::Tags).isEmpty(), 10000);
        QVERIFY(!model->setData(model->index(rowOf(model, b), RunListModel::Note),
                                QStringLiteral("x")));
        QVERIFY(page.banner()->isVisibleTo(&page));
        QVERIFY2(page.banner()->text().contains(QStringLiteral("notes.json")),
                 qPrintable(page.banner()->text()));
        QCOMPARE(readAll(b + QStringLiteral("/notes.json")), QByteArray("{ damaged"));
    }

    // A folder of a thousand runs, made from a few real ones, is read from the summaries
    // (no metrics file parsed) and the table keeps up while runs are added.
    void aThousandRunsOpenFromTheirSummaries() {
        QTemporaryDir source;
        const QString noted = copyRun(cliRun_, source.filePath(QStringLiteral("noted")));
        tagRun(noted.toStdString(), {"noted"});
        noteRun(noted.toStdString(), "copied");
        QTemporaryDir root;
        test::copyRuns({cliRun_.toStdString(), noted.toStdString()},
                       root.filePath(QStringLiteral("runs")).toStdString(), 1000);

        RunCatalog catalog;
        catalog.setPollInterval(200);
        RunsPage page(&catalog);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(scan(catalog, root.filePath(QStringLiteral("runs"))));
        qInfo("1,000 runs listed in %lld ms", clock.elapsed());
        QCOMPARE(page.table()->model()->rowCount(), 1000);
        const auto followed = std::count_if(catalog.entries().begin(), catalog.entries().end(),
                                            [](const auto& e) { return e.follower != nullptr; });
        QCOMPARE(followed, 1); // only the newest, selected to compare, is read whole
        page.tagChooser()->setCurrentIndex(page.tagChooser()->findData(QStringLiteral("noted")));
        QCOMPARE(page.table()->model()->rowCount(), 500);
        page.tagChooser()->setCurrentIndex(0);

        copyRun(cliRun_, root.filePath(QStringLiteral("runs/20270101-000000-added")));
        QTRY_COMPARE_WITH_TIMEOUT(page.table()->model()->rowCount(), 1001, 10000);
    }

    void aMissingRootIsCreatedEmpty() {
        QTemporaryDir parent;
        RunCatalog catalog;
        QVERIFY(scan(catalog, parent.filePath(QStringLiteral("new/runs"))));
        QVERIFY(catalog.entries().empty());
        QVERIFY(QFileInfo(parent.filePath(QStringLiteral("new/runs"))).isDir());
    }
};

INCEPTION_QT_TEST(RunsPageTest)
#include "RunsPageTest.moc"
