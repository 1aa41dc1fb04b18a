#include "ui/runs/RunFilterModel.hpp"

#include "tests/support/QtTestGroup.hpp"
#include "ui/runs/RunListModel.hpp"

#include <QStandardItemModel>
#include <QTest>

using inception::ui::RunFilterModel;
using inception::ui::RunListModel;

class RunFilterModelTest : public QObject {
    Q_OBJECT

    static void addRun(QStandardItemModel& runs, const QString& text, const QStringList& tags,
                       double best) {
        auto* item = new QStandardItem(text.section('\n', 0, 0));
        item->setData(text, RunListModel::kSearchTextRole);
        item->setData(tags, RunListModel::kTagsRole);
        auto* accuracy = new QStandardItem;
        accuracy->setData(best, RunListModel::kSortRole);
        runs.appendRow({item, accuracy});
    }

    static QStringList names(const QAbstractItemModel& model) {
        QStringList out;
        for (int row = 0; row < model.rowCount(); ++row)
            out << model.index(row, 0).data().toString();
        return out;
    }

private slots:
    void filtersByEveryWordAndByTag() {
        QStandardItemModel runs;
        addRun(runs, QStringLiteral("seed30\nfinished\nnotebook\nbaseline"),
               {QStringLiteral("baseline")}, 0.72);
        addRun(runs, QStringLiteral("fast-a\nfinished\nfast\nTried a wider 3x3"),
               {QStringLiteral("fast"), QStringLiteral("wide")}, 0.80);
        addRun(runs, QStringLiteral("fast-b\nstopped\nfast\n"), {QStringLiteral("fast")}, 0.65);
        RunFilterModel filter;
        filter.setSourceModel(&runs);
        filter.sort(1, Qt::DescendingOrder);
        QCOMPARE(names(filter), (QStringList{"fast-a", "seed30", "fast-b"}));

        filter.setText(QStringLiteral("FAST"));
        QCOMPARE(names(filter), (QStringList{"fast-a", "fast-b"})); // any case
        filter.setText(QStringLiteral("  fast   wider "));
        QCOMPARE(names(filter), (QStringList{"fast-a"})); // every word
        filter.setText(QString());
        filter.setTag(QStringLiteral("fast"));
        QCOMPARE(names(filter), (QStringList{"fast-a", "fast-b"}));
        filter.setTag(QStringLiteral("fas"));
        QCOMPARE(names(filter), QStringList{}); // tags match whole
        filter.setTag(QStringLiteral("fast"));
        filter.setText(QStringLiteral("stopped"));
        QCOMPARE(names(filter), (QStringList{"fast-b"})); // text and tag together

        // A run tagged later appears without resetting the filter.
        runs.item(0, 0)->setData(QStringList{QStringLiteral("fast")}, RunListModel::kTagsRole);
        filter.setText(QString());
        QCOMPARE(names(filter), (QStringList{"fast-a", "seed30", "fast-b"}));
    }
};

INCEPTION_QT_TEST(RunFilterModelTest)
#include "RunFilterModelTest.moc"
