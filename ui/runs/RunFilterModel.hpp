#pragma once

#include <QSortFilterProxyModel>

namespace inception::ui {

// The runs a user looks for: every word of the filter text found (in any case) in a run's
// name, folder, status, recipe, model, tags or note, and, when a tag is chosen, only runs
// carrying it. Sorts by RunListModel's sort role.
class RunFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit RunFilterModel(QObject* parent = nullptr);

    void setText(const QString& text);
    void setTag(const QString& tag); // empty: any
    QString tag() const { return tag_; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QStringList words_;
    QString tag_;
};

} // namespace inception::ui
