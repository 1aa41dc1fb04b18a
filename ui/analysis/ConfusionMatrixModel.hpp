#pragma once

#include "core/evaluation/ConfusionMatrix.hpp"

#include <QAbstractTableModel>
#include <QStringList>

#include <utility>

namespace inception::ui {

// A confusion matrix as a table: rows true classes and columns predicted ones, or the
// notebook's layout (rows predicted); counts, or rates of the true class.
class ConfusionMatrixModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // The cell's share of its true class, 0..1, for the colour.
    static constexpr int kRateRole = Qt::UserRole + 1;
    static constexpr int kDiagonalRole = Qt::UserRole + 2;

    explicit ConfusionMatrixModel(QObject* parent = nullptr);

    void setMatrix(const ConfusionMatrix& matrix, const QStringList& classNames);
    void setShowRates(bool rates);
    void setNotebookLayout(bool rowsPredicted);
    bool notebookLayout() const { return rowsPredicted_; }
    const ConfusionMatrix& matrix() const { return matrix_; }

    // The (true class, predicted class) of a cell, whatever the layout.
    std::pair<int, int> pairAt(const QModelIndex& index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    ConfusionMatrix matrix_;
    QStringList names_;
    bool rates_ = false;
    bool rowsPredicted_ = false;
};

} // namespace inception::ui
