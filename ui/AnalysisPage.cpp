#include "ui/AnalysisPage.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace inception::ui {

AnalysisPage::AnalysisPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("analysisPage"));
    heading_ = new QLabel;
    heading_->setWordWrap(true);
    matrix_ = new QTableWidget;
    matrix_->setObjectName(QStringLiteral("confusionTable"));
    matrix_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    matrix_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix_->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(heading_);
    layout->addWidget(matrix_, 1);
    clear();
}

void AnalysisPage::clear() {
    heading_->setText(tr("The confusion matrix appears after the first epoch of a run."));
    matrix_->clear();
    matrix_->setRowCount(0);
    matrix_->setColumnCount(0);
}

void AnalysisPage::showConfusion(int epoch, const ConfusionMatrix& matrix,
                                 const std::vector<std::string>& classNames) {
    const int n = matrix.classes();
    heading_->setText(tr("<b>Confusion matrix after epoch %1</b> (test set, %2% correct). "
                         "Rows: <b>true class</b>; columns: <b>predicted class</b>.")
                          .arg(epoch)
                          .arg(100 * matrix.accuracy(), 0, 'f', 2));
    matrix_->setRowCount(n);
    matrix_->setColumnCount(n);
    QStringList names;
    for (int i = 0; i < n; ++i)
        names << (i < static_cast<int>(classNames.size())
                      ? QString::fromStdString(classNames[static_cast<std::size_t>(i)])
                      : QString::number(i));
    matrix_->setHorizontalHeaderLabels(names);
    matrix_->setVerticalHeaderLabels(names);
    for (int t = 0; t < n; ++t) {
        std::int64_t rowTotal = 0;
        for (int p = 0; p < n; ++p)
            rowTotal += matrix.count(t, p);
        for (int p = 0; p < n; ++p) {
            const std::int64_t count = matrix.count(t, p);
            const double rate = rowTotal ? static_cast<double>(count) / rowTotal : 0.0;
            auto* item = new QTableWidgetItem(QString::number(count));
            item->setTextAlignment(Qt::AlignCenter);
            // Correct predictions in green, confusions in red, by share of the true class.
            const int shade = 255 - static_cast<int>(rate * 200);
            item->setBackground(t == p ? QColor(shade, 255, shade) : QColor(255, shade, shade));
            item->setToolTip(tr("true %1, predicted %2: %3 (%4% of %1)")
                                 .arg(names[t], names[p])
                                 .arg(count)
                                 .arg(100 * rate, 0, 'f', 1));
            matrix_->setItem(t, p, item);
        }
    }
}

} // namespace inception::ui
