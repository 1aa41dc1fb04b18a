#include "ui/analysis/BranchAblationModel.hpp"

#include <QColor>

#include <algorithm>

namespace inception::ui {

BranchAblationModel::BranchAblationModel(QObject* parent) : QAbstractTableModel(parent) {}

void BranchAblationModel::setReport(const AblationReport& report, const QStringList& classNames) {
    beginResetModel();
    report_ = report;
    names_ = classNames;
    largestLoss_ = 0.0;
    for (int row = 0; row < static_cast<int>(report_.branches.size()); ++row)
        for (int c = -1; c < static_cast<int>(report_.classAccuracy.size()); ++c)
            largestLoss_ = std::max(largestLoss_, lostPoints(row, c));
    endResetModel();
}

void BranchAblationModel::clear() {
    setReport({}, {});
}

double BranchAblationModel::lostPoints(int row, int cls) const {
    const BranchEffect& b = report_.branches[static_cast<std::size_t>(row)];
    if (cls < 0)
        return 100.0 * (report_.accuracy - b.accuracy);
    const auto c = static_cast<std::size_t>(cls);
    return 100.0 * (report_.classAccuracy[c] - b.classAccuracy[c]);
}

int BranchAblationModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(report_.branches.size());
}

int BranchAblationModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || report_.branches.empty()
               ? 0
               : FirstClass + static_cast<int>(report_.classAccuracy.size());
}

QVariant BranchAblationModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    const BranchEffect& b = report_.branches[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    if (role == kFieldRole)
        return QString::fromStdString(b.field);
    const int cls = column >= FirstClass ? column - FirstClass : -1;
    const bool loss = column == Lost || cls >= 0;
    if (role == kSortRole) {
        switch (column) {
        case Branch:
            return b.unit * 10 + b.branch;
        case Macs:
            return static_cast<qlonglong>(b.macs);
        case Shrink:
            return b.shrinkCandidate ? 1 : 0;
        default:
            return lostPoints(index.row(), cls);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Branch:
            return tr("unit %1 · %2").arg(b.unit).arg(QString::fromUtf8(branchName(b.branch)));
        case Macs:
            return QString::number(static_cast<double>(b.macs) / 1e6, 'f', 2);
        case Shrink:
            return b.shrinkCandidate ? tr("shrink?") : QString();
        default:
            return QString::number(lostPoints(index.row(), cls), 'f', 1);
        }
    }
    if (role == Qt::BackgroundRole && loss && largestLoss_ > 0) {
        // White to orange by the loss; gains (negative losses) stay white.
        const double share = std::clamp(lostPoints(index.row(), cls) / largestLoss_, 0.0, 1.0);
        return QColor::fromRgbF(1.0, 1.0 - 0.45 * share, 1.0 - 0.9 * share);
    }
    if (role == Qt::TextAlignmentRole && column != Branch)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (column == Shrink && b.shrinkCandidate)
            return tr("Costs more MACs than the median branch and loses less accuracy than the "
                      "median one: double-click to vary %1 in an experiment")
                .arg(QString::fromStdString(b.field));
        if (loss)
            return tr("Switching off unit %1's %2 branch costs %3 points of %4 accuracy")
                .arg(b.unit)
                .arg(QString::fromUtf8(branchName(b.branch)))
                .arg(lostPoints(index.row(), cls), 0, 'f', 2)
                .arg(cls < 0 ? tr("test")
                             : (cls < names_.size() ? names_[cls] : QString::number(cls)));
    }
    return {};
}

QVariant BranchAblationModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Branch:
        return tr("Branch");
    case Macs:
        return tr("M MACs");
    case Lost:
        return tr("Lost (all)");
    case Shrink:
        return tr("Candidate");
    default: {
        const int cls = section - FirstClass;
        return cls < names_.size() ? names_[cls] : QString::number(cls);
    }
    }
}

} // namespace inception::ui
