#pragma once

#include "core/experiments/ExperimentStatus.hpp"

#include <QAbstractTableModel>

#include <memory>

namespace inception::ui {

// An experiment's trials, a row each: the trial's number, its varied values, its state, the
// epochs done, the best test accuracy, its parameters, multiply-accumulates and measured
// evaluation speed, and whether it is on the Pareto front. kSortRole gives numbers for
// sorting; kFolderRole the trial's run directory.
class TrialTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    static constexpr int kSortRole = Qt::UserRole + 1;
    static constexpr int kFolderRole = Qt::UserRole + 2;

    explicit TrialTableModel(QObject* parent = nullptr);

    void setStatus(std::shared_ptr<const inception::ExperimentStatus> status);
    const inception::ExperimentStatus* status() const { return status_.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    enum Fixed { State, Epochs, Accuracy, Parameters, Macs, Speed, Front, FixedCount };
    int variedCount() const;
    QVariant fixedData(const inception::TrialStatus& trial, Fixed column, int role) const;

    std::shared_ptr<const inception::ExperimentStatus> status_;
};

} // namespace inception::ui
