#pragma once

#include "core/ConfusionMatrix.hpp"

#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QTableWidget;

namespace inception::ui {

// The test-set confusion matrix of the latest epoch of the run shown, as a heatmap with
// labelled axes (rows: true class, columns: predicted class).
class AnalysisPage : public QWidget {
    Q_OBJECT

public:
    explicit AnalysisPage(QWidget* parent = nullptr);

    void showConfusion(int epoch, const ConfusionMatrix& matrix,
                       const std::vector<std::string>& classNames);
    void clear();
    QTableWidget* matrix() const { return matrix_; }

private:
    QLabel* heading_;
    QTableWidget* matrix_;
};

} // namespace inception::ui
