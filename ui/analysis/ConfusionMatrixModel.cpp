#include "ui/analysis/ConfusionMatrixModel.hpp"

#include <QPainter>

namespace inception::ui {

ConfusionMatrixModel::ConfusionMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfusionMatrixModel::setMatrix(const ConfusionMatrix& matrix, const QStringList& classNames) {
    beginResetModel();
    matrix_ = matrix;
    names_ = classNames;
    while (names_.size() < matrix_.classes())
        names_ << QString::number(names_.size());
    endResetModel();
}

void ConfusionMatrixModel::setShowRates(bool rates) {
    rates_ = rates;
    if (matrix_.classes() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void ConfusionMatrixModel::setNotebookLayout(bool rowsPredicted) {
    beginResetModel();
    rowsPredicted_ = rowsPredicted;
    endResetModel();
}

std::pair<int, int> ConfusionMatrixModel::pairAt(const QModelIndex& index) const {
    return rowsPredicted_ ? std::pair{index.column(), index.row()}
                          : std::pair{index.row(), index.column()};
}

int ConfusionMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : matrix_.classes();
}

int ConfusionMatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : matrix_.classes();
}

QVariant ConfusionMatrixModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto [trueClass, predicted] = pairAt(index);
    const std::int64_t count = matrix_.count(trueClass, predicted);
    std::int64_t classTotal = 0;
    for (int p = 0; p < matrix_.classes(); ++p)
        classTotal += matrix_.count(trueClass, p);
    const double rate = classTotal ? static_cast<double>(count) / classTotal : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        return rates_ ? QStringLiteral("%1%").arg(100 * rate, 0, 'f', 1) : QString::number(count);
    case kRateRole:
        return rate;
    case kDiagonalRole:
        return trueClass == predicted;
    case Qt::TextAlignmentRole:
        return Qt::AlignCenter;
    case Qt::ToolTipRole:
        return tr("true %1, predicted %2: %3 images (%4% of %1)")
            .arg(names_[trueClass], names_[predicted])
            .arg(count)
            .arg(100 * rate, 0, 'f', 1);
    default:
        return {};
    }
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (section < 0 || section >= names_.size())
        return {};
    const QString& name = names_[section];
    if (role == Qt::ToolTipRole)
        return name;
    if (role != Qt::DisplayRole)
        return {};
    // Columns are narrow: long names are cut to five letters ("autom."), the tooltip has them.
    constexpr int kColumnLetters = 6;
    if (orientation == Qt::Horizontal && name.size() > kColumnLetters)
        return name.left(kColumnLetters - 1) + '.';
    return name;
}

} // namespace inception::ui
