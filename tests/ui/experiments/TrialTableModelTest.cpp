// The trial table: a column per varied key, numbers to sort by, and the run folder of a row.
#include "ui/experiments/TrialTableModel.hpp"

#include "core/experiments/ExperimentRunner.hpp"
#include "tests/support/QtTestSupport.hpp"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

using namespace inception;
using inception::ui::TrialTableModel;

class TrialTableModelTest : public QObject {
    Q_OBJECT

private slots:
    void showsEachTrialWithItsValuesAndSortsByNumbers() {
        QTemporaryDir dir;
        const QString folder = test::quickExperiment(
            dir.path(), R"({"units[0].out1x1": [12, 4], "lr": [0.01, 0.002]})", 1);
        TrialTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setStatus(
            std::make_shared<const ExperimentStatus>(readExperimentStatus(folder.toStdString())));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("units[0].out1x1"));
        QCOMPARE(model.headerData(3, Qt::Horizontal).toString(), QStringLiteral("Status"));
        QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("4"));
        QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("pending"));
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("0 / 1"));
        QVERIFY(model.index(3, 0)
                    .data(TrialTableModel::kFolderRole)
                    .toString()
                    .endsWith(QStringLiteral("/trials/003-u0.out1x1-4-lr-0.002")));

        QSortFilterProxyModel sorted;
        sorted.setSourceModel(&model);
        sorted.setSortRole(TrialTableModel::kSortRole);
        sorted.sort(1); // 4 before 12 as numbers, not as text
        QCOMPARE(sorted.index(0, 1).data().toString(), QStringLiteral("4"));
        const int macs = 7;
        sorted.sort(macs, Qt::DescendingOrder);
        QCOMPARE(sorted.index(0, 1).data().toString(), QStringLiteral("12"));

        // A new reading of the same trials updates the rows in place.
        model.setStatus(
            std::make_shared<const ExperimentStatus>(readExperimentStatus(folder.toStdString())));
        QCOMPARE(model.rowCount(), 4);
    }
};

QTEST_MAIN(TrialTableModelTest)
#include "TrialTableModelTest.moc"
