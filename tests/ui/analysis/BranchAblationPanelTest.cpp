// Ablation from the page: runs on the explain thread with progress, fills the table, and a
// double-click asks for an experiment over the branch's width.
#include "ui/analysis/BranchAblationPanel.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "tests/ui/analysis/ExplainTestSupport.hpp"
#include "ui/analysis/BranchAblationModel.hpp"
#include "ui/analysis/ExplainService.hpp"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace inception;
using inception::ui::BranchAblationPanel;

class BranchAblationPanelTest : public QObject {
    Q_OBJECT

private slots:
    void ablatesOnTheExplainThreadAndOffersTheWidthToVary() {
        ui::ExplainService service;
        service.setSubject(test::explainCheckpoint(), test::kExplainData);
        BranchAblationPanel panel(&service);
        panel.resize(700, 400);
        panel.show();
        QSignalSpy progress(&service, &ui::ExplainService::progress);
        QTest::mouseClick(panel.runButton(), Qt::LeftButton);
        QVERIFY(!panel.runButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 8, 60000);
        QVERIFY(panel.runButton()->isEnabled());
        QVERIFY(progress.count() >= 10); // 1 + 8 branches + the means, and the start
        QVERIFY(panel.summary()->text().startsWith(QStringLiteral("Test accuracy")));

        QSignalSpy vary(&panel, &BranchAblationPanel::varyRequested);
        QTableView* table = panel.table();
        const QModelIndex fiveByFive = table->model()->index(6, ui::BranchAblationModel::Branch);
        QCOMPARE(fiveByFive.data().toString(), QStringLiteral("unit 1 · 5x5"));
        const QPoint at = table->visualRect(fiveByFive).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(vary.count(), 1);
        // tiny's unit 1 has a 5x5 branch of 8 channels.
        QCOMPARE(vary.at(0).at(0).toString(), QStringLiteral("units[1].out5x5"));
        QCOMPARE(vary.at(0).at(1).toString(), QStringLiteral("2, 4, 8"));
    }
};

INCEPTION_QT_TEST(BranchAblationPanelTest)
#include "BranchAblationPanelTest.moc"
