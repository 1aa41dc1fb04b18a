#pragma once

#include "core/explain/ExplainResults.hpp"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace inception::ui {

class BranchAblationModel;
class ExplainService;

// Branch ablation on the Analysis page: each branch of each unit switched off in turn and the
// test set evaluated again on the explain thread (progress, cancel), shown as a sortable
// heat table of the accuracy lost overall and per class. Double-clicking a branch asks for an
// experiment over its width.
class BranchAblationPanel : public QWidget {
    Q_OBJECT

public:
    explicit BranchAblationPanel(ExplainService* service, QWidget* parent = nullptr);

    void start();
    void clear();
    BranchAblationModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QPushButton* runButton() const { return run_; }
    QLabel* summary() const { return summary_; }

signals:
    // Vary `field` (`units[3].out5x5`) over `values` ("16, 32, 64") in an experiment.
    void varyRequested(const QString& field, const QString& values);

private:
    ExplainService* service_;
    BranchAblationModel* model_;
    QSortFilterProxyModel* sorted_;
    QTableView* table_;
    QComboBox* mode_;
    QPushButton* run_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* summary_;
    bool running_ = false;
};

} // namespace inception::ui
