#include "ui/runs/RunListModel.hpp"

#include "ui/runs/RunCatalog.hpp"

#include <QBrush>
#include <QDateTime>
#include <QFileInfo>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

#include <limits>

namespace inception::ui {

namespace {

QString compactCount(std::int64_t n) {
    if (n >= 1'000'000)
        return QStringLiteral("%1 M").arg(n / 1e6, 0, 'f', 1);
    if (n >= 1'000)
        return QStringLiteral("%1 k").arg(n / 1e3, 0, 'f', 0);
    return QString::number(n);
}

QString percent(double fraction) {
    return QStringLiteral("%1%").arg(100 * fraction, 0, 'f', 2);
}

QString statusText(const CatalogEntry& entry) {
    if (!entry.readable)
        return RunListModel::tr("unreadable");
    const QString status = QString::fromStdString(toString(entry.summary.status));
    if (entry.summary.worldSize <= 1)
        return status;
    return RunListModel::tr("%1 · %n ranks", nullptr, entry.summary.worldSize).arg(status);
}

QString tagsText(const RunNotes& notes) {
    QStringList tags;
    for (const std::string& tag : notes.tags)
        tags << QString::fromStdString(tag);
    return tags.join(QStringLiteral(", "));
}

// The folder, how the run was trained, why it failed or stopped, and its note.
QString toolTip(const CatalogEntry& entry) {
    if (!entry.readable)
        return entry.error;
    const RunSummary& run = entry.summary;
    QStringList lines{entry.folder};
    if (run.worldSize > 1)
        lines << RunListModel::tr("Data-parallel on %1 ranks (%2)")
                     .arg(run.worldSize)
                     .arg(QString::fromStdString(run.backend));
    if (!run.recipe.empty())
        lines << RunListModel::tr("Recipe: %1").arg(QString::fromStdString(run.recipe));
    lines << RunListModel::tr("Arithmetic: %1").arg(QString::fromStdString(run.precision));
    if (!run.cpu.empty())
        lines << RunListModel::tr("CPU: %1").arg(QString::fromStdString(run.cpu));
    if (!run.message.empty())
        lines << QString::fromStdString(run.message);
    if (!entry.notesError.isEmpty())
        lines << entry.notesError;
    if (!entry.notes.note.empty())
        lines << QString() << QString::fromStdString(entry.notes.note);
    return lines.join('\n');
}

QColor statusColour(const CatalogEntry& entry) {
    if (!entry.readable)
        return {180, 40, 40};
    switch (entry.summary.status) {
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

// A small folded sheet: the marker of a run that has a note.
QIcon noteMarker() {
    static const QIcon icon = [] {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(QColor(150, 110, 0), 1));
        painter.setBrush(QColor(255, 214, 102));
        const QPolygonF sheet{{2.5, 1.5}, {10.5, 1.5}, {13.5, 4.5}, {13.5, 14.5}, {2.5, 14.5}};
        painter.drawPolygon(sheet);
        painter.setPen(QPen(QColor(120, 90, 0), 1));
        for (double y : {6.5, 9.0, 11.5})
            painter.drawLine(QPointF(4.5, y), QPointF(11.5, y));
        return QIcon(pixmap);
    }();
    return icon;
}

QVariant metricCell(const std::optional<MetricSpan>& metric, bool sorting,
                    double MetricSpan::*which, bool asPercent) {
    if (!metric)
        return sorting ? QVariant(std::numeric_limits<double>::quiet_NaN())
                       : QVariant(QStringLiteral("–"));
    const double value = (*metric).*which;
    if (sorting)
        return value;
    return asPercent ? percent(value) : QString::number(value, 'f', 4);
}

QVariant range(const std::optional<MetricSpan>& metric, bool sorting, bool asPercent) {
    if (!metric || sorting)
        return metricCell(metric, sorting, &MetricSpan::min, asPercent);
    if (asPercent)
        return QStringLiteral("%1–%2%")
            .arg(100 * metric->min, 0, 'f', 2)
            .arg(100 * metric->max, 0, 'f', 2);
    return QStringLiteral("%1–%2").arg(metric->min, 0, 'f', 3).arg(metric->max, 0, 'f', 3);
}

QDateTime startTime(const RunSummary& run) {
    return QDateTime::fromString(QString::fromStdString(run.started), Qt::ISODate);
}

bool rightAligned(int column) {
    switch (column) {
    case RunListModel::BestAccuracy:
    case RunListModel::LastAccuracy:
    case RunListModel::AccuracyRange:
    case RunListModel::BestLoss:
    case RunListModel::LastLoss:
    case RunListModel::LossRange:
    case RunListModel::Epochs:
    case RunListModel::TimeToTarget:
        return true;
    default:
        return false;
    }
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

Qt::ItemFlags RunListModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && (index.column() == Tags || index.column() == Note) &&
        catalog_->entries()[static_cast<std::size_t>(index.row())].readable)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CatalogEntry& entry = catalog_->entries()[static_cast<std::size_t>(index.row())];
    const RunSummary& run = entry.summary;
    const QString note = QString::fromStdString(entry.notes.note);
    switch (role) {
    case kFolderRole:
        return entry.folder;
    case kTagsRole: {
        QStringList tags;
        for (const std::string& tag : entry.notes.tags)
            tags << QString::fromStdString(tag);
        return tags;
    }
    case kSearchTextRole:
        return QStringList{QFileInfo(entry.folder).fileName(),
                           QString::fromStdString(run.name),
                           statusText(entry),
                           QString::fromStdString(run.recipe),
                           QString::fromStdString(run.model),
                           tagsText(entry.notes),
                           note}
            .join('\n');
    case Qt::ToolTipRole:
        return index.column() == Note && !note.isEmpty() ? note : toolTip(entry);
    case Qt::DecorationRole:
        return index.column() == Name && !note.isEmpty() ? QVariant(noteMarker()) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == Status ? QVariant(QBrush(statusColour(entry))) : QVariant();
    case Qt::TextAlignmentRole:
        return rightAligned(index.column()) ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
    case Qt::EditRole:
        if (index.column() == Tags)
            return tagsText(entry.notes);
        if (index.column() == Note)
            return note;
        return {};
    case Qt::DisplayRole:
    case kSortRole:
        break;
    default:
        return {};
    }
    const bool sorting = role == kSortRole;
    if (!entry.readable) {
        if (index.column() == Name)
            return QFileInfo(entry.folder).fileName();
        if (index.column() == Status)
            return statusText(entry);
        return {};
    }
    switch (index.column()) {
    case Name:
        return QString::fromStdString(run.name);
    case Status:
        return statusText(entry);
    case BestAccuracy:
        return metricCell(run.testAccuracy, sorting, &MetricSpan::max, true);
    case LastAccuracy:
        return metricCell(run.testAccuracy, sorting, &MetricSpan::last, true);
    case AccuracyRange:
        return range(run.testAccuracy, sorting, true);
    case BestLoss:
        return metricCell(run.testLoss, sorting, &MetricSpan::min, false);
    case LastLoss:
        return metricCell(run.testLoss, sorting, &MetricSpan::last, false);
    case LossRange:
        return range(run.testLoss, sorting, false);
    case Epochs:
        if (sorting)
            return run.trainedEpochs;
        if (run.imported && run.trainedEpochs == 0)
            return tr("imported");
        return QStringLiteral("%1 / %2").arg(run.trainedEpochs).arg(run.plannedEpochs);
    case Started: {
        const QDateTime started = startTime(run);
        if (sorting)
            return started;
        return started.isValid() ? QLocale().toString(started.toLocalTime(), QLocale::ShortFormat)
                                 : QString::fromStdString(run.started);
    }
    case TimeToTarget:
        return timeToTarget(run, sorting);
    case Recipe:
        return QString::fromStdString(run.recipe);
    case Model:
        if (sorting)
            return QVariant::fromValue(run.macs);
        return tr("%1 · %2 params · %3 MACs")
            .arg(QString::fromStdString(run.model), compactCount(run.parameters),
                 compactCount(run.macs));
    case Data:
        return QStringLiteral("%1 · %2 / %3")
            .arg(QString::fromStdString(run.dataKind))
            .arg(run.trainCount)
            .arg(run.testCount);
    case Tags:
        return tagsText(entry.notes);
    case Note:
        return note.section('\n', 0, 0);
    default:
        return {};
    }
}

bool RunListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString text = value.toString();
    const QString error = catalog_->editNotes(index.row(), [&](RunNotes& notes) {
        if (index.column() == Note) {
            notes.note = text.trimmed().toStdString();
            return;
        }
        notes.tags.clear();
        for (const QString& tag : text.split(',', Qt::SkipEmptyParts))
            if (!tag.trimmed().isEmpty())
                notes.tags.push_back(tag.trimmed().toStdString());
    });
    if (!error.isEmpty()) {
        emit editFailed(error);
        return false;
    }
    return true;
}

QVariant RunListModel::timeToTarget(const RunSummary& run, bool sorting) {
    if (sorting)
        return run.reached ? run.reached->seconds : std::numeric_limits<double>::infinity();
    if (run.targetAccuracy <= 0.0)
        return QString();
    const QString target = QStringLiteral("%1%").arg(100 * run.targetAccuracy, 0, 'f', 0);
    if (!run.reached)
        return tr("%1: not yet").arg(target);
    return tr("%1 in %2 (epoch %3)")
        .arg(target, durationText(run.reached->seconds))
        .arg(run.reached->epoch);
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
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case AccuracyRange:
            return tr("Lowest and highest test accuracy over the epochs");
        case LossRange:
            return tr("Lowest and highest test loss over the epochs");
        case Tags:
            return tr("Comma-separated; double-click or F2 to edit");
        case Note:
            return tr("Double-click or F2 to edit; the whole note is in the tooltip");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Status:
        return tr("Status");
    case BestAccuracy:
        return tr("Best acc.");
    case LastAccuracy:
        return tr("Last acc.");
    case AccuracyRange:
        return tr("Acc. min–max");
    case BestLoss:
        return tr("Best loss");
    case LastLoss:
        return tr("Last loss");
    case LossRange:
        return tr("Loss min–max");
    case Epochs:
        return tr("Epochs");
    case Started:
        return tr("Started");
    case TimeToTarget:
        return tr("Time to target");
    case Recipe:
        return tr("Recipe");
    case Model:
        return tr("Model");
    case Data:
        return tr("Data");
    case Tags:
        return tr("Tags");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

} // namespace inception::ui
