#include "ui/runs/RunFilterModel.hpp"

#include "ui/runs/RunListModel.hpp"

#include <QRegularExpression>

namespace inception::ui {

RunFilterModel::RunFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(RunListModel::kSortRole);
}

void RunFilterModel::setText(const QString& text) {
    const QStringList words =
        text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (words == words_)
        return;
    words_ = words;
    invalidateRowsFilter();
}

void RunFilterModel::setTag(const QString& tag) {
    if (tag == tag_)
        return;
    tag_ = tag;
    invalidateRowsFilter();
}

bool RunFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!tag_.isEmpty() && !index.data(RunListModel::kTagsRole).toStringList().contains(tag_))
        return false;
    if (words_.isEmpty())
        return true;
    const QString text = index.data(RunListModel::kSearchTextRole).toString();
    for (const QString& word : words_)
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace inception::ui
