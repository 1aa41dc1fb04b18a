#include "ui/runs/RunListModel.hpp"

#include "core/training/TimeToAccuracy.hpp"

#include "core/distributed/Distributed.hpp"
#include "ui/runs/RunCatalog.hpp"
#include <limits>

#include <QBrush>
#include <QDateTime>
#include <QFileInfo>

namespace inception::ui {

namespace {

QString compactCount(std::int64_t n) {
    if (n >= 1'000'000)
        return QStringLiteral("%1 M").arg(n / 1e6, 0, 'f', 1);
    if (n >= 1'000)
        return QStringLiteral("%1 k").arg(n / 1e3, 0, 'f', 0);
    return QString::number(n);
}

QString statusText(const CatalogEntry& entry) {
    const RunRecord* run = entry.record();
    if (!run)
        return RunListModel::tr("unreadable");
    const QString status = QString::fromStdString(toString(run->status));
    if (run->worldSize <= 1)
        return status;
    return RunListModel::tr("%1 · %n ranks", nullptr, run->worldSize).arg(status);
}

// The folder, how a data-parallel run was trained, and why a run failed or stopped.
QString toolTip(const CatalogEntry& entry) {
    const RunRecord* run = entry.record();
    if (!run)
        return entry.error;
    QStringList lines{entry.folder};
    if (run->worldSize > 1)
        lines << RunListModel::tr("Data-parallel on %1 ranks (%2): batches of %3, up to %4 a rank")
                     .arg(run->worldSize)
                     .arg(QString::fromStdString(run->backend))
                     .arg(run->config.batchSize)
                     .arg(shardOf(run->config.batchSize, 0, run->worldSize).size());
    if (!run->config.recipe.empty())
        lines << RunListModel::tr("Recipe: %1").arg(QString::fromStdString(run->config.recipe));
    lines << RunListModel::tr("Arithmetic: %1 (%2)")
                 .arg(QString::fromStdString(toString(run->precision.precision)),
                      QString::fromStdString(run->precision.reason));
    if (!run->cpu.empty())
        lines << RunListModel::tr("CPU: %1").arg(QString::fromStdString(run->cpu));
    if (!run->message.empty())
        lines << QString::fromStdString(run->message);
    return lines.join('\n');
}

QColor statusColour(const CatalogEntry& entry) {
    if (!entry.record())
        return {180, 40, 40};
    switch (entry.record()->status) {
    case RunStatus::Running:
        return {0, 114, 178};
    case RunStatus::Finished:
        return {0, 128, 80};
    case RunStatus::Stopped:
        return {150, 110, 0};
    case RunStatus::Pruned:
        return {120, 120, 120};
    case RunStatus::Failed:
        return {180, 40, 40};
    }
    return {};
}

QDateTime startTime(const RunRecord& run) {
    return QDateTime::fromString(QString::fromStdString(run.started), Qt::ISODate);
}

} // namespace

RunListModel::RunListModel(RunCatalog* catalog, QObject* parent)
    : QAbstractTableModel(parent), catalog_(catalog) {
    connect(catalog, &RunCatalog::aboutToReset, this, &RunListModel::beginResetModel);
    connect(catalog, &RunCatalog::reset, this, &RunListModel::endResetModel);
    connect(catalog, &RunCatalog::runChanged, this,
            [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int RunListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(catalog_->entries().size());
}

int RunListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CatalogEntry& entry = catalog_->entries()[static_cast<std::size_t>(index.row())];
    const RunRecord* run = entry.record();
    if (role == kFolderRole)
        return entry.folder;
    if (role == Qt::ToolTipRole)
        return toolTip(entry);
    if (role == Qt::ForegroundRole && index.column() == Status)
        return QBrush(statusColour(entry));
    if (role == Qt::TextAlignmentRole &&
        (index.column() == BestAccuracy || index.column() == Epochs ||
         index.column() == TimeToTarget))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != kSortRole)
        return {};
    const bool sorting = role == kSortRole;
    if (!run) {
        if (index.column() == Name)
            return QFileInfo(entry.folder).fileName();
        if (index.column() == Status)
            return statusText(entry);
        return {};
    }
    switch (index.column()) {
    case Name:
        return QString::fromStdString(run->name);
    case Status:
        return statusText(entry);
    case BestAccuracy:
        if (run->epochs.empty())
            return sorting ? QVariant(-1.0) : QVariant(QStringLiteral("–"));
        return sorting
                   ? QVariant(run->bestTestAccuracy())
                   : QVariant(QStringLiteral("%1%").arg(100 * run->bestTestAccuracy(), 0, 'f', 2));
    case Epochs:
        if (sorting)
            return run->trainedEpochs();
        if (run->startsFromImportedWeights() && run->trainedEpochs() == 0)
            return tr("imported");
        return QStringLiteral("%1 / %2").arg(run->trainedEpochs()).arg(run->config.epochs);
    case Started: {
        const QDateTime started = startTime(*run);
        if (sorting)
            return started;
        return started.isValid() ? QLocale().toString(started.toLocalTime(), QLocale::ShortFormat)
                                 : QString::fromStdString(run->started);
    }
    case Model:
        if (sorting)
            return QVariant::fromValue(entry.macs);
        return tr("%1 · %2 params · %3 MACs")
            .arg(QString::fromStdString(run->spec.name), compactCount(entry.parameters),
                 compactCount(entry.macs));
    case Data:
        return QStringLiteral("%1 · %2 / %3")
            .arg(QString::fromStdString(run->dataset.kind))
            .arg(run->dataset.trainCount)
            .arg(run->dataset.testCount);
    case TimeToTarget:
        return timeToTarget(*run, sorting);
    default:
        return {};
    }
}

QVariant RunListModel::timeToTarget(const RunRecord& run, bool sorting) {
    const double target = run.config.targetAccuracy;
    const auto reached = firstReached(run.epochs, target);
    if (sorting)
        return reached ? reached->seconds : std::numeric_limits<double>::infinity();
    if (target <= 0.0)
        return QString();
    const QString percent = QStringLiteral("%1%").arg(100 * target, 0, 'f', 0);
    if (!reached)
        return tr("%1: not yet").arg(percent);
    return tr("%1 in %2 (epoch %3)")
        .arg(percent, durationText(reached->seconds))
        .arg(reached->epoch);
}

QString RunListModel::durationText(double seconds) {
    const auto whole = static_cast<qint64>(seconds + 0.5);
    if (whole < 60)
        return tr("%1 s").arg(whole);
    if (whole < 3600)
        return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return tr("%1 h %2 min").arg(whole / 3600).arg(whole % 3600 / 60);
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case BestAccuracy:
        return tr("Best test acc.");
    case Epochs:
        return tr("Epochs");
    case Started:
        return tr("Started");
    case Model:
        return tr("Model");
    case Data:
        return tr("Data");
    case TimeToTarget:
        return tr("Time to target");
    default:
        return {};
    }
}

} // namespace inception::ui
