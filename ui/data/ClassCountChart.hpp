#pragma once

#include <qcustomplot.h>

#include <cstdint>
#include <vector>

namespace inception::ui {

// Images per class as bars, training and test side by side, classes named on the axis.
class ClassCountChart : public QCustomPlot {
    Q_OBJECT

public:
    explicit ClassCountChart(QWidget* parent = nullptr);

    void setCounts(const QStringList& classNames, const std::vector<std::int64_t>& train,
                   const std::vector<std::int64_t>& test);
    void clearCounts();
    // The bars' heights, for tests: {train, test} of class `index`.
    std::pair<double, double> counts(int index) const;

private:
    QCPBars* train_;
    QCPBars* test_;
};

} // namespace inception::ui
