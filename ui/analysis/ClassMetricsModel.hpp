#pragma once

#include "core/evaluation/ConfusionMatrix.hpp"

#include <QAbstractTableModel>
#include <QStringList>

namespace inception::ui {

// Per-class precision, recall, F1, support and the class each is most confused with.
// Sort through a proxy on kSortRole.
class ClassMetricsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Class, Precision, Recall, F1, Support, ConfusedWith, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit ClassMetricsModel(QObject* parent = nullptr);
    void setMatrix(const ConfusionMatrix& matrix, const QStringList& classNames);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<ClassMetrics> metrics_;
    std::vector<int> confusedWith_;
    std::vector<std::int64_t> confusedCount_;
    QStringList names_;
};

} // namespace inception::ui
