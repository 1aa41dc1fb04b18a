#pragma once

#include "core/explain/ExplainResults.hpp"

#include <QAbstractTableModel>
#include <QStringList>

namespace inception::ui {

// A branch ablation as a table: one row per branch of each unit; columns for its cost, the
// accuracy lost overall and for each class (percentage points, shaded by how much), and
// whether it is a candidate to shrink. Sort through a proxy on kSortRole.
class BranchAblationModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Branch, Macs, Lost, Shrink, FirstClass };
    static constexpr int kSortRole = Qt::UserRole + 1;
    // The branch's spec field (`units[3].out5x5`) on every cell of its row.
    static constexpr int kFieldRole = Qt::UserRole + 2;

    explicit BranchAblationModel(QObject* parent = nullptr);
    void setReport(const AblationReport& report, const QStringList& classNames);
    void clear();
    const AblationReport& report() const { return report_; }

    // Accuracy lost, in percentage points, by switching off `row`'s branch: overall for
    // class -1, else that class's.
    double lostPoints(int row, int cls = -1) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    AblationReport report_;
    QStringList names_;
    double largestLoss_ = 0.0;
};

} // namespace inception::ui
