#include "ui/analysis/ClassMetricsModel.hpp"

#include "core/evaluation/PredictionAnalysis.hpp"

namespace inception::ui {

ClassMetricsModel::ClassMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClassMetricsModel::setMatrix(const ConfusionMatrix& matrix, const QStringList& classNames) {
    beginResetModel();
    metrics_ = matrix.perClass();
    confusedWith_ = mostConfusedWith(matrix);
    confusedCount_.assign(confusedWith_.size(), 0);
    for (std::size_t t = 0; t < confusedWith_.size(); ++t)
        if (confusedWith_[t] >= 0)
            confusedCount_[t] = matrix.count(static_cast<int>(t), confusedWith_[t]);
    names_ = classNames;
    while (names_.size() < matrix.classes())
        names_ << QString::number(names_.size());
    endResetModel();
}

int ClassMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(metrics_.size());
}

int ClassMetricsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClassMetricsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const ClassMetrics& m = metrics_[row];
    if (role == Qt::TextAlignmentRole)
        return index.column() == Class || index.column() == ConfusedWith
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != kSortRole)
        return {};
    const bool sorting = role == kSortRole;
    auto percent = [sorting](double v) {
        return sorting ? QVariant(v) : QVariant(QStringLiteral("%1%").arg(100 * v, 0, 'f', 1));
    };
    switch (index.column()) {
    case Class:
        return names_[index.row()];
    case Precision:
        return percent(m.precision);
    case Recall:
        return percent(m.recall);
    case F1:
        return percent(m.f1);
    case Support:
        return static_cast<qlonglong>(m.support);
    case ConfusedWith:
        if (confusedWith_[row] < 0)
            return sorting ? QVariant(QString()) : QVariant(QStringLiteral("–"));
        if (sorting)
            return static_cast<qlonglong>(confusedCount_[row]);
        return tr("%1 (%2)").arg(names_[confusedWith_[row]]).arg(confusedCount_[row]);
    default:
        return {};
    }
}

QVariant ClassMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const titles[] = {"Class", "Precision", "Recall",
                                         "F1",    "Support",   "Most confused with"};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace inception::ui
