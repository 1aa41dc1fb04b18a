#include "ui/model_editor/ModelPage.hpp"

#include "core/spec/ModelAnalysis.hpp"
#include "tests/support/QtTestSupport.hpp"
#include "ui/common/MessageBanner.hpp"
#include "ui/model_editor/NetworkDiagram.hpp"
#include "ui/model_editor/SpecDocument.hpp"
#include "ui/model_editor/UnitTableModel.hpp"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace inception;
using inception::ui::ModelPage;
using inception::ui::UnitTableModel;

namespace {

QString cellText(const ModelPage& page, int row, int column) {
    const QAbstractItemModel* model = page.units()->model();
    return model->index(row, column).data().toString();
}

bool setWidth(ModelPage& page, int row, int column, const QVariant& value) {
    QAbstractItemModel* model = page.units()->model();
    return model->setData(model->index(row, column), value);
}

QString number(std::int64_t n) {
    return QLocale().toString(static_cast<qlonglong>(n));
}

} // namespace

class ModelEditorTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(); }

    void badValuesAreFlaggedAndTheLastValidSpecIsKept_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("zero") << 1 << int(UnitTableModel::Out3x3) << 0 << "units[1].out3x3"
                              << "must be at least 1, got 0";
        QTest::newRow("negative") << 0 << int(UnitTableModel::Out1x1) << -5 << "units[0].out1x1"
                                  << "must be at least 1, got -5";
        QTest::newRow("huge") << 4 << int(UnitTableModel::PoolProj) << 100000
                              << "units[4].pool_proj"
                              << "must be at most 4096, got 100000";
        QTest::newRow("reduce") << 2 << int(UnitTableModel::Reduce5x5) << 0 << "units[2].reduce5x5"
                                << "must be at least 1, got 0";
    }

    void badValuesAreFlaggedAndTheLastValidSpecIsKept() {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(int, value);
        QFETCH(QString, field);
        QFETCH(QString, message);
        ModelPage page;
        QSignalSpy validity(&page, &ModelPage::validityChanged);
        QVERIFY(setWidth(page, row, column, value));
        QVERIFY(!page.isValid());
        QCOMPARE(page.invalidReason(), field + QStringLiteral(": ") + message);
        QCOMPARE(validity.size(), 1);
        QCOMPARE(validity.first().at(0).toString(), page.invalidReason());
        // The field says why; the next run still gets the last valid spec.
        const QModelIndex cell = page.units()->model()->index(row, column);
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), page.invalidReason());
        QVERIFY(cell.data(Qt::BackgroundRole).isValid());
        QVERIFY(page.spec() == seedSpec());
        QVERIFY(page.totals()->text().contains(QStringLiteral("Invalid")));
        // Fixing it makes the spec valid again.
        QVERIFY(setWidth(page, row, column, 8));
        QVERIFY(page.isValid());
        QCOMPARE(validity.last().at(0).toString(), QString());
    }

    void stemHeadAndUnitListAreValidatedToo() {
        ModelPage page;
        qobject_cast<QSpinBox*>(page.fieldEditor("stem.kernel"))->setValue(4);
        QCOMPARE(page.invalidReason(),
                 QStringLiteral("stem.kernel: must be odd (same padding), got 4"));
        QVERIFY(page.fieldEditor("stem.kernel")->toolTip().contains(QStringLiteral("must be odd")));
        qobject_cast<QSpinBox*>(page.fieldEditor("stem.kernel"))->setValue(7);
        qobject_cast<QDoubleSpinBox*>(page.fieldEditor("head.dropout"))->setValue(1.5);
        QVERIFY(page.invalidReason().startsWith(QStringLiteral("head.dropout: must be in [0, 1)")));
        qobject_cast<QDoubleSpinBox*>(page.fieldEditor("head.dropout"))->setValue(0.4);
        QVERIFY(page.isValid());
        for (int i = 0; i < 4; ++i)
            page.removeUnit(0);
        const ModelSpec oneUnit = page.spec();
        QCOMPARE(oneUnit.units.size(), std::size_t{1});
        page.removeUnit(0);
        QCOMPARE(page.invalidReason(),
                 QStringLiteral("units: must hold at least one Inception unit"));
        QVERIFY(page.spec() == oneUnit); // the last valid spec
    }

    void nonNumericWidthsAreRefused() {
        ModelPage page;
        QVERIFY(!setWidth(page, 0, UnitTableModel::Out1x1, QStringLiteral("wide")));
        QCOMPARE(cellText(page, 0, UnitTableModel::Out1x1), QStringLiteral("64"));
        QVERIFY(page.isValid());
        QCOMPARE(page.document()->undoStack()->count(), 0);
    }

    void figuresEqualCoresAnalysis() {
        for (const ModelSpec& spec : {seedSpec(), wideSpec(), tinySpec()}) {
            ModelPage page;
            QAbstractItemModelTester tester(page.units()->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            page.setSpec(spec);
            const ModelAnalysis analysis = analyze(spec);
            QCOMPARE(page.units()->model()->rowCount(), static_cast<int>(spec.units.size()));
            for (int row = 0; row < static_cast<int>(spec.units.size()); ++row) {
                const UnitInfo& unit = analysis.units[static_cast<std::size_t>(row)];
                QCOMPARE(cellText(page, row, UnitTableModel::In), QString::number(unit.inChannels));
                QCOMPARE(cellText(page, row, UnitTableModel::Out),
                         QString::number(unit.output.channels));
                QCOMPARE(cellText(page, row, UnitTableModel::Shape),
                         QString::fromStdString(unit.output.toString()));
                QCOMPARE(cellText(page, row, UnitTableModel::Parameters), number(unit.parameters));
                QCOMPARE(cellText(page, row, UnitTableModel::Macs), number(unit.macs));
            }
            QVERIFY(page.totals()->text().contains(number(analysis.parameters)));
            QVERIFY(page.totals()->text().contains(number(analysis.macs)));
            QCOMPARE(page.layers()->rowCount(), static_cast<int>(analysis.layers.size()));
        }
        // The wide preset's units cost about four times the seed's.
        ModelPage page;
        page.setSpec(wideSpec());
        QVERIFY(cellText(page, 2, UnitTableModel::VersusSeed).startsWith('+'));
    }

    void ablationsShrinkCandidatesAreTintedWhileTheirSpecIsShown() {
        ModelPage page;
        const ModelSpec seed = seedSpec();
        page.setSpec(seed);
        page.markShrinkCandidates(
            seed, {{QStringLiteral("units[1].out5x5"), QStringLiteral("a candidate to shrink")}});
        const QModelIndex cell = page.units()->model()->index(1, UnitTableModel::Out5x5);
        QCOMPARE(cell.data(Qt::BackgroundRole).value<QBrush>().color(),
                 UnitTableModel::shrinkCandidateColour());
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("units[1].out5x5: a candidate to shrink"));
        QVERIFY(!page.units()
                     ->model()
                     ->index(1, UnitTableModel::Out3x3)
                     .data(Qt::BackgroundRole)
                     .isValid());
        auto* note = page.findChild<QLabel*>(QStringLiteral("shrinkNote"));
        QVERIFY(note->isVisibleTo(&page));
        QVERIFY(note->text().contains(QStringLiteral("1 branch(es)")));
        // Another model: the finding is not about it.
        page.setSpec(wideSpec());
        QVERIFY(!page.units()
                     ->model()
                     ->index(1, UnitTableModel::Out5x5)
                     .data(Qt::BackgroundRole)
                     .isValid());
        QVERIFY(!note->isVisibleTo(&page));
        page.setSpec(seed);
        QVERIFY(page.units()
                    ->model()
                    ->index(1, UnitTableModel::Out5x5)
                    .data(Qt::BackgroundRole)
                    .isValid());
    }

    void batchNormAddsItsParameters() {
        ModelPage page;
        const std::int64_t without = analyze(page.spec()).parameters;
        ModelSpec spec = seedSpec();
        spec.batchNorm = true;
        page.setSpec(spec);
        QVERIFY(page.spec().batchNorm);
        QVERIFY(analyze(page.spec()).parameters > without);
        QVERIFY(page.totals()->text().contains(number(analyze(spec).parameters)));
    }

    void undoAndRedo() {
        ModelPage page;
        QUndoStack* undo = page.document()->undoStack();
        // Typing 1, 12, 128 in one field is one step.
        for (int value : {1, 12, 128})
            QVERIFY(setWidth(page, 0, UnitTableModel::Out1x1, value));
        QVERIFY(setWidth(page, 1, UnitTableModel::Out3x3, 96));
        QCOMPARE(undo->count(), 2);
        QCOMPARE(page.spec().units[0].out1x1, 128);
        undo->undo();
        QCOMPARE(page.spec().units[1].out3x3, 64);
        QCOMPARE(cellText(page, 1, UnitTableModel::Out3x3), QStringLiteral("64"));
        undo->undo();
        QVERIFY(page.spec() == seedSpec());
        undo->redo();
        undo->redo();
        QCOMPARE(page.spec().units[0].out1x1, 128);
        QCOMPARE(page.spec().units[1].out3x3, 96);
        // Structure changes undo too.
        page.duplicateUnit(0);
        QCOMPARE(page.spec().units.size(), std::size_t{6});
        undo->undo();
        QCOMPARE(page.spec().units.size(), std::size_t{5});
    }

    void addDuplicateRemoveAndReorderUnits() {
        ModelPage page;
        page.moveUnit(0, +1);
        QVERIFY(page.spec().units[1] == seedSpec().units[0]);
        QVERIFY(page.spec().units[0] == seedSpec().units[1]);
        QCOMPARE(page.selectedUnit(), 1);
        page.moveUnit(0, -1); // nothing above the first
        page.duplicateUnit(4);
        QCOMPARE(page.spec().units.size(), std::size_t{6});
        QVERIFY(page.spec().units[5] == page.spec().units[4]);
        page.removeUnit(5);
        page.selectUnit(4);
        page.addUnit();
        QCOMPARE(page.spec().units.size(), std::size_t{6});
        QCOMPARE(page.selectedUnit(), 5);
        // Input channels follow the previous unit's output.
        QCOMPARE(cellText(page, 5, UnitTableModel::In),
                 QString::number(page.spec().units[4].outChannels()));
    }

    void saveAndOpenRoundTrip() {
        QTemporaryDir dir;
        ModelPage page;
        QVERIFY(setWidth(page, 3, UnitTableModel::Out5x5, 72));
        ModelSpec edited = page.spec();
        const QString path = dir.filePath(QStringLiteral("edited.json"));
        QCOMPARE(page.saveSpec(path), QString());
        page.setSpec(tinySpec());
        QVERIFY(page.openSpec(path));
        QVERIFY(page.spec() == edited);

        // An invalid spec is not saved.
        QVERIFY(setWidth(page, 0, UnitTableModel::Out1x1, 0));
        QVERIFY(page.saveSpec(dir.filePath(QStringLiteral("bad.json")))
                    .contains(QStringLiteral("invalid")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.json"))));
    }

    void badSpecFilesKeepTheSpec_data() {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed") << QByteArray("{ units: [") << "not valid JSON";
        QTest::newRow("future") << QByteArray(R"({"format_version": 9, "units": []})")
                                << "written by a newer Inception Workbench";
        QTest::newRow("zero width")
            << QByteArray(R"({"units": [{"out1x1": 0, "reduce3x3": 8, "out3x3": 8,
                          "reduce5x5": 8, "out5x5": 8, "pool_proj": 8}]})")
            << "units[0].out1x1: must be at least 1";
    }

    void badSpecFilesKeepTheSpec() {
        QFETCH(QByteArray, contents);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spec.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();
        ModelPage page;
        page.setSpec(tinySpec());
        QVERIFY(!page.openSpec(path));
        QVERIFY(page.banner()->isVisibleTo(&page));
        QVERIFY2(page.banner()->text().contains(path), qPrintable(page.banner()->text()));
        QVERIFY2(page.banner()->text().contains(message), qPrintable(page.banner()->text()));
        QVERIFY(page.spec() == tinySpec());
    }

    void editingAWidthInTheTableChangesTotalsAndDiagram() {
        ModelPage page;
        page.resize(1400, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QString totalsBefore = page.totals()->text();
        QCOMPARE(page.diagram()->branchLabels(2).at(1), QStringLiteral("3x3 · 56→112"));

        // Type into the cell's editor as a user would.
        QTableView* view = page.units();
        const QModelIndex cell = view->model()->index(2, UnitTableModel::Out3x3);
        view->setCurrentIndex(cell);
        view->edit(cell);
        auto* editor = view->findChild<QSpinBox*>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("200"));
        QTest::keyClick(editor, Qt::Key_Return);

        QTRY_COMPARE(page.spec().units[2].out3x3, 200); // the delegate commits queued
        QCOMPARE(page.diagram()->branchLabels(2).at(1), QStringLiteral("3x3 · 56→200"));
        QVERIFY(page.totals()->text() != totalsBefore);
        QVERIFY(page.totals()->text().contains(number(analyze(page.spec()).macs)));
        // The next unit's input follows.
        QCOMPARE(cellText(page, 3, UnitTableModel::In), QString::number(256 - 112 + 200));

        // Clicking a unit in the diagram selects its row.
        QTest::mouseClick(page.diagram(), Qt::LeftButton, {}, page.diagram()->unitRect(3).center());
        QCOMPARE(page.selectedUnit(), 3);
        QCOMPARE(page.diagram()->selectedUnit(), 3);
    }
};

QTEST_MAIN(ModelEditorTest)
#include "ModelEditorTest.moc"
