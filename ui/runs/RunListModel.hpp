#pragma once

#include <QAbstractTableModel>

namespace inception {
struct RunSummary;
}

namespace inception::ui {

class RunCatalog;

// The catalog's runs as a table: name (marked when the run has a note), tags, status, test
// accuracy and loss (best, last, range), epochs, start, time to the target accuracy, recipe,
// model, data and the note; tags and note are edited in place. Sorting happens in a proxy; kSortRole
// gives sortable values.
class RunListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Name,
        Tags,
        Status,
        BestAccuracy,
        LastAccuracy,
        AccuracyRange,
        BestLoss,
        LastLoss,
        LossRange,
        Epochs,
        Started,
        TimeToTarget,
        Recipe,
        Model,
        Data,
        Note,
        ColumnCount
    };
    static constexpr int kFolderRole = Qt::UserRole + 1;
    static constexpr int kSortRole = Qt::UserRole + 2;
    // The text a filter matches: name, folder, status, recipe, model, tags and note.
    static constexpr int kSearchTextRole = Qt::UserRole + 3;
    // The run's tags as a QStringList.
    static constexpr int kTagsRole = Qt::UserRole + 4;

    explicit RunListModel(RunCatalog* catalog, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "90% in 12 min 3 s (epoch 14)": when the test accuracy first reached the run's target.
    static QVariant timeToTarget(const RunSummary& run, bool sorting);
    static QString durationText(double seconds);

signals:
    // Tags or a note could not be written: the error line.
    void editFailed(const QString& error);

private:
    RunCatalog* catalog_;
};

} // namespace inception::ui
