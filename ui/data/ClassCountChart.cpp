#include "ui/data/ClassCountChart.hpp"

#include "ui/common/Palette.hpp"

namespace inception::ui {

ClassCountChart::ClassCountChart(QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(220, 180);
    auto* group = new QCPBarsGroup(this);
    train_ = new QCPBars(xAxis, yAxis);
    test_ = new QCPBars(xAxis, yAxis);
    for (auto [bars, name, color] : {std::tuple{train_, tr("train"), palette::kTrain},
                                     std::tuple{test_, tr("test"), palette::kTest}}) {
        bars->setName(name);
        bars->setWidth(0.38);
        bars->setPen(Qt::NoPen);
        bars->setBrush(color);
        bars->setBarsGroup(group);
    }
    yAxis->setLabel(tr("images"));
    xAxis->setTickLabelRotation(35);
    xAxis->grid()->setVisible(false);
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    legend->setBrush(QColor(255, 255, 255, 210));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
}

void ClassCountChart::setCounts(const QStringList& classNames,
                                const std::vector<std::int64_t>& train,
                                const std::vector<std::int64_t>& test) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    QVector<double> keys, trainValues, testValues;
    double highest = 0.0;
    for (int c = 0; c < classNames.size(); ++c) {
        keys << c;
        ticker->addTick(c, classNames[c]);
        trainValues << static_cast<double>(train.at(static_cast<std::size_t>(c)));
        testValues << static_cast<double>(test.at(static_cast<std::size_t>(c)));
        highest = std::max({highest, trainValues.back(), testValues.back()});
    }
    xAxis->setTicker(ticker);
    train_->setData(keys, trainValues, true);
    test_->setData(keys, testValues, true);
    xAxis->setRange(-0.7, classNames.size() - 0.3);
    yAxis->setRange(0, std::max(1.0, highest * 1.18)); // room for the legend
    replot(QCustomPlot::rpQueuedReplot);
}

void ClassCountChart::clearCounts() {
    train_->data()->clear();
    test_->data()->clear();
    replot(QCustomPlot::rpQueuedReplot);
}

std::pair<double, double> ClassCountChart::counts(int index) const {
    const auto find = [index](QCPBars* bars) {
        const auto it = bars->data()->findBegin(index, false);
        return it != bars->data()->constEnd() && it->key == index ? it->value : 0.0;
    };
    return {find(train_), find(test_)};
}

} // namespace inception::ui
