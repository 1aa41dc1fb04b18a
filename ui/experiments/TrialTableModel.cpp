#include "ui/experiments/TrialTableModel.hpp"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace inception::ui {

using inception::TrialState;
using inception::TrialStatus;

namespace {

QString valueText(const nlohmann::json& value) {
    return QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
}

QColor stateColour(TrialState state) {
    switch (state) {
    case TrialState::Running:
        return {0, 114, 178};
    case TrialState::Finished:
        return {0, 128, 80};
    case TrialState::Pruned:
        return {120, 120, 120};
    case TrialState::Failed:
        return {180, 40, 40};
    case TrialState::Waiting:
    case TrialState::Stopped:
        return {150, 110, 0};
    case TrialState::Pending:
        break;
    }
    return {90, 90, 90};
}

} // namespace

TrialTableModel::TrialTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TrialTableModel::setStatus(std::shared_ptr<const inception::ExperimentStatus> status) {
    const bool sameShape = status_ && status && status_->trials.size() == status->trials.size() &&
                           status_->definition.vary.size() == status->definition.vary.size();
    if (sameShape) {
        status_ = std::move(status);
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    status_ = std::move(status);
    endResetModel();
}

int TrialTableModel::variedCount() const {
    return status_ ? static_cast<int>(status_->definition.vary.size()) : 0;
}

int TrialTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !status_ ? 0 : static_cast<int>(status_->trials.size());
}

int TrialTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !status_ ? 0 : 1 + variedCount() + FixedCount;
}

QVariant TrialTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !status_)
        return {};
    const TrialStatus& trial = status_->trials.at(static_cast<std::size_t>(index.row()));
    if (role == kFolderRole)
        return QString::fromStdString(trial.folder);
    if (role == Qt::ToolTipRole)
        return QString::fromStdString(trial.plan.label(true) +
                                      (trial.message.empty() ? "" : "\n" + trial.message));
    const int column = index.column();
    if (column == 0)
        return role == Qt::DisplayRole || role == kSortRole ? QVariant(trial.plan.id) : QVariant();
    if (column <= variedCount()) {
        const nlohmann::json& value =
            trial.plan.values.at(static_cast<std::size_t>(column - 1)).second;
        if (role == Qt::DisplayRole)
            return valueText(value);
        if (role == kSortRole)
            return value.is_number() ? QVariant(value.get<double>()) : QVariant(valueText(value));
        return {};
    }
    return fixedData(trial, static_cast<Fixed>(column - 1 - variedCount()), role);
}

QVariant TrialTableModel::fixedData(const TrialStatus& trial, Fixed column, int role) const {
    const QLocale locale;
    const bool measured = trial.epochsDone > 0;
    switch (column) {
    case State:
        if (role == Qt::ForegroundRole)
            return QBrush(stateColour(trial.state));
        if (role == Qt::DisplayRole || role == kSortRole)
            return QString::fromStdString(toString(trial.state));
        break;
    case Epochs:
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1 / %2").arg(trial.epochsDone).arg(trial.epochs);
        if (role == kSortRole)
            return trial.epochsDone;
        break;
    case Accuracy:
        if (role == Qt::DisplayRole)
            return measured ? locale.toString(100.0 * trial.bestTestAccuracy, 'f', 2) + "%"
                            : QStringLiteral("–");
        if (role == kSortRole)
            return measured ? trial.bestTestAccuracy : -1.0;
        break;
    case Parameters:
        if (role == Qt::DisplayRole)
            return locale.toString(static_cast<qlonglong>(trial.parameters));
        if (role == kSortRole)
            return static_cast<qlonglong>(trial.parameters);
        break;
    case Macs:
        if (role == Qt::DisplayRole)
            return locale.toString(static_cast<double>(trial.macs) / 1e6, 'f', 1) + " M";
        if (role == kSortRole)
            return static_cast<qlonglong>(trial.macs);
        break;
    case Speed:
        if (role == Qt::DisplayRole)
            return trial.evalImagesPerSecond > 0
                       ? locale.toString(trial.evalImagesPerSecond, 'f', 0)
                       : QStringLiteral("–");
        if (role == kSortRole)
            return trial.evalImagesPerSecond;
        if (role == Qt::ToolTipRole)
            return QString::fromStdString("measured on " + trial.cpu);
        break;
    case Front:
        if (role == Qt::DisplayRole)
            return trial.onParetoFront ? QStringLiteral("★") : QString();
        if (role == kSortRole)
            return trial.onParetoFront ? 1 : 0;
        break;
    case FixedCount:
        break;
    }
    if (role == Qt::TextAlignmentRole && column != State && column != Front)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TrialTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || !status_)
        return {};
    if (section == 0)
        return tr("Trial");
    if (section <= variedCount())
        return QString::fromStdString(
            status_->definition.vary.at(static_cast<std::size_t>(section - 1)).key);
    static const char* const names[] = {QT_TR_NOOP("Status"),        QT_TR_NOOP("Epochs"),
                                        QT_TR_NOOP("Best test acc"), QT_TR_NOOP("Parameters"),
                                        QT_TR_NOOP("MACs"),          QT_TR_NOOP("Eval img/s"),
                                        QT_TR_NOOP("Front")};
    return tr(names[section - 1 - variedCount()]);
}

} // namespace inception::ui
