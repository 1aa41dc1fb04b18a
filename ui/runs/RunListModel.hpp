#pragma once

#include <QAbstractTableModel>

namespace inception {
struct RunRecord;
}

namespace inception::ui {

class RunCatalog;

// The catalog's runs as a table: name, status, best test accuracy, epochs, start date,
// model, data and time to the target accuracy. Sorting happens in a proxy; kSortRole gives sortable
// values.
class RunListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Name,
        Status,
        BestAccuracy,
        Epochs,
        Started,
        Model,
        Data,
        TimeToTarget,
        ColumnCount
    };
    static constexpr int kFolderRole = Qt::UserRole + 1;
    static constexpr int kSortRole = Qt::UserRole + 2;

    explicit RunListModel(RunCatalog* catalog, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "90% in 12 min 3 s (epoch 14)": when the test accuracy first reached the run's target.
    static QVariant timeToTarget(const RunRecord& run, bool sorting);
    static QString durationText(double seconds);

private:
    RunCatalog* catalog_;
};

} // namespace inception::ui
