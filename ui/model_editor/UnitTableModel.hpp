#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

namespace inception::ui {

class SpecDocument;

// The Inception units of the edited spec, a row each: the six widths (editable), the
// derived input and output channels, and the unit's output shape, parameters and
// multiply-accumulates, their difference against the seed's unit, and a cost bar.
class UnitTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        In,
        Out1x1,
        Reduce3x3,
        Out3x3,
        Reduce5x5,
        Out5x5,
        PoolProj,
        Out,
        Shape,
        Parameters,
        Macs,
        VersusSeed,
        Cost,
        ColumnCount
    };
    // Cost column: the unit's share of the most expensive unit (this spec or the seed) and
    // the seed's unit's share, as a QPointF(share, seedShare); seedShare < 0 when none.
    static constexpr int kCostRole = Qt::UserRole + 1;

    explicit UnitTableModel(SpecDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static bool isWidth(int column) { return column >= Out1x1 && column <= PoolProj; }
    // Width fields (`units[3].out5x5`) a branch ablation found costly for what they carry,
    // each with the finding; their cells are tinted and say it in their tooltip.
    void setShrinkCandidates(const QHash<QString, QString>& findings);
    static const QColor& shrinkCandidateColour();
    // The spec's field name of a width column ("reduce3x3").
    static const char* fieldName(int column);

private:
    void documentChanged();

    SpecDocument* document_;
    int rows_ = 0;
    QHash<QString, QString> shrinkCandidates_;
};

} // namespace inception::ui
