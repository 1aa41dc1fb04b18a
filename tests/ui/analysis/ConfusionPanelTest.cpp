// The heatmap asks for the images behind what the user clicks, whichever way its axes lie.
#include "ui/analysis/ConfusionPanel.hpp"

#include "ui/analysis/ConfusionMatrixModel.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace inception;
using inception::ui::ConfusionPanel;

class ConfusionPanelTest : public QObject {
    Q_OBJECT

    static ConfusionMatrix threeClasses() {
        ConfusionMatrix matrix(3);
        matrix.add(0, 0, 5);
        matrix.add(0, 2, 3); // true 0 taken for 2
        matrix.add(1, 1, 4);
        matrix.add(2, 2, 6);
        return matrix;
    }

private slots:
    void cellsAndHeadersAskForTheirImages() {
        ConfusionPanel panel;
        panel.resize(600, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setMatrix(threeClasses(),
                        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QSignalSpy chosen(&panel, &ConfusionPanel::cellChosen);
        QTableView* heatmap = panel.heatmap();
        const auto click = [&](int row, int column) {
            const QRect cell = heatmap->visualRect(heatmap->model()->index(row, column));
            QTest::mouseClick(heatmap->viewport(), Qt::LeftButton, {}, cell.center());
        };

        click(0, 2); // rows true: true a, predicted c
        QCOMPARE(chosen.last(), (QList<QVariant>{0, 2}));
        emit heatmap->verticalHeader()->sectionClicked(1);
        QCOMPARE(chosen.last(), (QList<QVariant>{1, -1})); // a row: one true class

        // The notebook's layout puts the predicted class in the rows.
        panel.setNotebookLayout(true);
        QVERIFY(panel.confusion()->notebookLayout());
        click(2, 0); // rows predicted: predicted c, true a
        QCOMPARE(chosen.last(), (QList<QVariant>{0, 2}));
        emit heatmap->verticalHeader()->sectionClicked(1);
        QCOMPARE(chosen.last(), (QList<QVariant>{-1, 1})); // a row: one predicted class
        emit heatmap->horizontalHeader()->sectionClicked(2);
        QCOMPARE(chosen.last(), (QList<QVariant>{2, -1}));
    }

    void theColumnsTitleFollowsTheLayout() {
        ConfusionPanel panel;
        const auto columnsTitle = [&] {
            for (QLabel* label : panel.findChildren<QLabel*>())
                if (label->text().endsWith(QStringLiteral(" class")))
                    return label->text();
            return QString();
        };
        QCOMPARE(columnsTitle(), QStringLiteral("Predicted class"));
        panel.setNotebookLayout(true);
        QCOMPARE(columnsTitle(), QStringLiteral("True class"));
    }
};

QTEST_MAIN(ConfusionPanelTest)
#include "ConfusionPanelTest.moc"
