// The ablation table: losses in points, shaded by size, sortable, each row naming its field.
#include "ui/analysis/BranchAblationModel.hpp"

#include "tests/support/QtTestGroup.hpp"

#include <QColor>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace inception;
using inception::ui::BranchAblationModel;

namespace {

AblationReport twoBranches() {
    AblationReport r;
    r.accuracy = 0.70;
    r.classAccuracy = {0.8, 0.6};
    r.images = 100;
    BranchEffect cheap{0, 0, "units[0].out1x1", 64, 1000, 4000, 0.69, {0.8, 0.58}, false};
    BranchEffect costly{3, 2, "units[3].out5x5", 64, 900000, 60000, 0.50, {0.3, 0.7}, true};
    r.branches = {cheap, costly};
    return r;
}

} // namespace

class BranchAblationModelTest : public QObject {
    Q_OBJECT

private slots:
    void tabulatesLossesInPointsOverallAndPerClass() {
        BranchAblationModel model;
        model.setReport(twoBranches(), {QStringLiteral("cat"), QStringLiteral("ship")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), BranchAblationModel::FirstClass + 2);
        QCOMPARE(model.headerData(BranchAblationModel::FirstClass + 1, Qt::Horizontal).toString(),
                 QStringLiteral("ship"));
        QCOMPARE(model.index(1, BranchAblationModel::Branch).data().toString(),
                 QStringLiteral("unit 3 · 5x5"));
        QCOMPARE(model.index(1, BranchAblationModel::Lost).data().toString(),
                 QStringLiteral("20.0"));
        QCOMPARE(model.index(1, BranchAblationModel::FirstClass).data().toString(),
                 QStringLiteral("50.0"));
        // Ship gained 10 points without the branch: a negative loss, left white.
        QCOMPARE(model.index(1, BranchAblationModel::FirstClass + 1).data().toString(),
                 QStringLiteral("-10.0"));
        QCOMPARE(model.index(1, BranchAblationModel::FirstClass + 1)
                     .data(Qt::BackgroundRole)
                     .value<QColor>(),
                 QColor(Qt::white));
        const QColor largest = model.index(1, BranchAblationModel::FirstClass)
                                   .data(Qt::BackgroundRole)
                                   .value<QColor>();
        const QColor small =
            model.index(0, BranchAblationModel::Lost).data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(largest.blueF() < small.blueF()); // the larger loss, the deeper orange
        QCOMPARE(model.index(1, BranchAblationModel::Shrink).data().toString(),
                 QStringLiteral("shrink?"));
        QCOMPARE(model.index(0, BranchAblationModel::Macs)
                     .data(BranchAblationModel::kFieldRole)
                     .toString(),
                 QStringLiteral("units[0].out1x1"));
    }

    void sortsByTheNumbersNotTheirText() {
        BranchAblationModel model;
        model.setReport(twoBranches(), {QStringLiteral("cat"), QStringLiteral("ship")});
        QSortFilterProxyModel sorted;
        sorted.setSourceModel(&model);
        sorted.setSortRole(BranchAblationModel::kSortRole);
        sorted.sort(BranchAblationModel::Lost, Qt::DescendingOrder);
        QCOMPARE(sorted.index(0, BranchAblationModel::Branch).data().toString(),
                 QStringLiteral("unit 3 · 5x5"));
        sorted.sort(BranchAblationModel::FirstClass + 1, Qt::DescendingOrder);
        QCOMPARE(sorted.index(0, BranchAblationModel::Branch).data().toString(),
                 QStringLiteral("unit 0 · 1x1"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }
};

INCEPTION_QT_TEST(BranchAblationModelTest)
#include "BranchAblationModelTest.moc"
