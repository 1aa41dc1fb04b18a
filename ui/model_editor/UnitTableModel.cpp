#include "ui/model_editor/UnitTableModel.hpp"

#include "ui/common/Palette.hpp"
#include "ui/model_editor/SpecDocument.hpp"

#include <QBrush>
#include <QLocale>
#include <QPointF>

#include <algorithm>

namespace inception::ui {

namespace {

int& widthOf(InceptionSpec& unit, int column) {
    switch (column) {
    case UnitTableModel::Out1x1:
        return unit.out1x1;
    case UnitTableModel::Reduce3x3:
        return unit.reduce3x3;
    case UnitTableModel::Out3x3:
        return unit.out3x3;
    case UnitTableModel::Reduce5x5:
        return unit.reduce5x5;
    case UnitTableModel::Out5x5:
        return unit.out5x5;
    default:
        return unit.poolProj;
    }
}

QString signedPercent(double change) {
    return QStringLiteral("%1%2%")
        .arg(change >= 0 ? QStringLiteral("+") : QString())
        .arg(100 * change, 0, 'f', 0);
}

} // namespace

const char* UnitTableModel::fieldName(int column) {
    static const char* names[] = {"out1x1",    "reduce3x3", "out3x3",
                                  "reduce5x5", "out5x5",    "pool_proj"};
    return isWidth(column) ? names[column - Out1x1] : "";
}

UnitTableModel::UnitTableModel(SpecDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document),
      rows_(static_cast<int>(document->spec().units.size())) {
    connect(document, &SpecDocument::changed, this, &UnitTableModel::documentChanged);
}

void UnitTableModel::documentChanged() {
    const int rows = static_cast<int>(document_->spec().units.size());
    if (rows != rows_) {
        beginResetModel();
        rows_ = rows;
        endResetModel();
        return;
    }
    if (rows_ > 0)
        emit dataChanged(index(0, 0), index(rows_ - 1, ColumnCount - 1));
}

int UnitTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows_;
}

int UnitTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

void UnitTableModel::setShrinkCandidates(const QHash<QString, QString>& findings) {
    shrinkCandidates_ = findings;
    if (rows_ > 0)
        emit dataChanged(index(0, Out1x1), index(rows_ - 1, PoolProj),
                         {Qt::BackgroundRole, Qt::ToolTipRole});
}

const QColor& UnitTableModel::shrinkCandidateColour() {
    static const QColor colour(255, 228, 190); // light orange, as the ablation table's losses
    return colour;
}

QVariant UnitTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const ModelSpec& spec = document_->spec();
    const InceptionSpec& unit = spec.units[row];
    const int column = index.column();

    if (isWidth(column)) {
        const std::string field = "units[" + std::to_string(row) + "]." + fieldName(column);
        const auto issue = document_->issueOf(field);
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return widthOf(const_cast<InceptionSpec&>(unit), column);
        const auto candidate = shrinkCandidates_.constFind(QString::fromStdString(field));
        const bool shrink = candidate != shrinkCandidates_.constEnd();
        if (role == Qt::BackgroundRole && issue)
            return QBrush(QColor(251, 215, 215));
        if (role == Qt::BackgroundRole && shrink)
            return QBrush(shrinkCandidateColour());
        if (role == Qt::ToolTipRole)
            return issue    ? QString::fromStdString(field + ": " + *issue)
                   : shrink ? QString::fromStdString(field) + QStringLiteral(": ") + *candidate
                            : QString::fromStdString(field);
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    // The output's check box: a max pool after the unit halves its feature map.
    if (column == Shape && role == Qt::CheckStateRole)
        return unit.poolAfter ? Qt::Checked : Qt::Unchecked;
    if (column == Shape && role == Qt::ToolTipRole)
        return unit.poolAfter ? tr("after a max pool 3x3/2; untick to keep the feature map's size")
                              : tr("tick to halve the feature map with a max pool 3x3/2 after "
                                   "the unit");
    if (role == Qt::TextAlignmentRole && column != Shape && column != Cost)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (column == In && role == Qt::DisplayRole)
        return spec.unitInputChannels(row);
    if (column == Out && role == Qt::DisplayRole)
        return unit.outChannels();

    // Figures come from the last valid spec; while the spec is invalid they may be stale,
    // so they are greyed out.
    const ModelAnalysis& analysis = document_->analysis();
    if (row >= analysis.units.size())
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("–")) : QVariant();
    const UnitInfo& info = analysis.units[row];
    const ModelAnalysis& seed = document_->seedAnalysis();
    const UnitInfo* seedUnit = row < seed.units.size() ? &seed.units[row] : nullptr;
    if (role == Qt::ForegroundRole && !document_->isValid())
        return QBrush(Qt::gray);
    if (role == Qt::ForegroundRole && column == VersusSeed && seedUnit)
        return QBrush(info.macs > seedUnit->macs ? QColor(180, 60, 20) : QColor(0, 120, 70));
    if (role == kCostRole && column == Cost) {
        std::int64_t largest = 1;
        for (const UnitInfo& u : analysis.units)
            largest = std::max(largest, u.macs);
        for (const UnitInfo& u : seed.units)
            largest = std::max(largest, u.macs);
        return QPointF(static_cast<double>(info.macs) / largest,
                       seedUnit ? static_cast<double>(seedUnit->macs) / largest : -1.0);
    }
    if (role == Qt::ToolTipRole && column == VersusSeed)
        return seedUnit ? tr("seed's unit %1: %2 parameters, %3 MACs")
                              .arg(row)
                              .arg(QLocale().toString(static_cast<qlonglong>(seedUnit->parameters)),
                                   QLocale().toString(static_cast<qlonglong>(seedUnit->macs)))
                        : tr("the seed has no unit %1").arg(row);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (column) {
    case Shape:
        return QString::fromStdString(info.output.toString());
    case Parameters:
        return locale.toString(static_cast<qlonglong>(info.parameters));
    case Macs:
        return locale.toString(static_cast<qlonglong>(info.macs));
    case VersusSeed:
        if (!seedUnit)
            return tr("new");
        return signedPercent(static_cast<double>(info.macs) / seedUnit->macs - 1.0);
    default:
        return {};
    }
}

bool UnitTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role == Qt::CheckStateRole && checkIndex(index, CheckIndexOption::IndexIsValid) &&
        index.column() == Shape) {
        ModelSpec spec = document_->spec();
        const bool pool = value.toInt() == Qt::Checked;
        spec.units[static_cast<std::size_t>(index.row())].poolAfter = pool;
        document_->change(spec, pool ? tr("Pool after unit %1").arg(index.row())
                                     : tr("No pool after unit %1").arg(index.row()));
        return true;
    }
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) ||
        !isWidth(index.column()))
        return false;
    bool ok = false;
    const int width = value.toString().trimmed().toInt(&ok);
    if (!ok)
        return false; // not a whole number: the field keeps its value
    ModelSpec spec = document_->spec();
    widthOf(spec.units[static_cast<std::size_t>(index.row())], index.column()) = width;
    document_->change(spec,
                      tr("Set unit %1 %2 to %3")
                          .arg(index.row())
                          .arg(QString::fromLatin1(fieldName(index.column())))
                          .arg(width),
                      SpecDocument::unitFieldKey(index.row(), index.column()));
    return true;
}

Qt::ItemFlags UnitTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && isWidth(index.column()))
        flags |= Qt::ItemIsEditable;
    if (index.isValid() && index.column() == Shape)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant UnitTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(tr("Unit %1").arg(section)) : QVariant();
    // Two-line headers keep the width columns narrow enough for the whole row to show.
    static const char* const titles[] = {
        "In",  "1x1",    "3x3\nreduce", "3x3",  "5x5\nreduce", "5x5", "Pool\nproj",
        "Out", "Output", "Parameters",  "MACs", "vs\nseed",    "Cost"};
    static const char* const tips[] = {"input channels: the previous unit's output",
                                       "1x1 convolution branch",
                                       "1x1 convolution before the 3x3",
                                       "3x3 convolution branch",
                                       "1x1 convolution before the 5x5",
                                       "5x5 convolution branch",
                                       "1x1 convolution after the 3x3 max pool",
                                       "output channels: the four branches concatenated",
                                       "output shape, channels x height x width; ticked: "
                                       "halved by a max pool after the unit",
                                       "trainable parameters of the unit",
                                       "multiply-accumulates per image, forward",
                                       "the unit's cost against the seed's unit at the same place",
                                       "cost of the unit; the tick is the seed's unit"};
    if (section < 0 || section >= ColumnCount)
        return {};
    return role == Qt::DisplayRole ? tr(titles[section]) : tr(tips[section]);
}

} // namespace inception::ui
