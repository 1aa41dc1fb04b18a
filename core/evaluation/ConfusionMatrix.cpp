#include "core/evaluation/ConfusionMatrix.hpp"

#include <stdexcept>

namespace inception {

ConfusionMatrix::ConfusionMatrix(int classes)
    : classes_(classes), counts_(static_cast<std::size_t>(classes) * classes, 0) {}

void ConfusionMatrix::add(int trueClass, int predictedClass, std::int64_t n) {
    if (trueClass < 0 || trueClass >= classes_ || predictedClass < 0 || predictedClass >= classes_)
        throw std::out_of_range("confusion matrix: class index outside 0.." +
                                std::to_string(classes_ - 1));
    counts_[static_cast<std::size_t>(trueClass) * classes_ + predictedClass] += n;
}

std::int64_t ConfusionMatrix::count(int trueClass, int predictedClass) const {
    return counts_.at(static_cast<std::size_t>(trueClass) * classes_ + predictedClass);
}

std::int64_t ConfusionMatrix::total() const {
    std::int64_t sum = 0;
    for (auto c : counts_)
        sum += c;
    return sum;
}

std::int64_t ConfusionMatrix::correct() const {
    std::int64_t sum = 0;
    for (int i = 0; i < classes_; ++i)
        sum += count(i, i);
    return sum;
}

double ConfusionMatrix::accuracy() const {
    const auto n = total();
    return n == 0 ? 0.0 : static_cast<double>(correct()) / static_cast<double>(n);
}

std::vector<ClassMetrics> ConfusionMatrix::perClass() const {
    std::vector<ClassMetrics> metrics(classes_);
    for (int c = 0; c < classes_; ++c) {
        std::int64_t truePositives = count(c, c), actual = 0, predicted = 0;
        for (int k = 0; k < classes_; ++k) {
            actual += count(c, k);
            predicted += count(k, c);
        }
        ClassMetrics& m = metrics[c];
        m.support = actual;
        m.precision = predicted == 0 ? 0.0 : static_cast<double>(truePositives) / predicted;
        m.recall = actual == 0 ? 0.0 : static_cast<double>(truePositives) / actual;
        m.f1 = m.precision + m.recall == 0.0
                   ? 0.0
                   : 2.0 * m.precision * m.recall / (m.precision + m.recall);
    }
    return metrics;
}

ConfusionMatrix ConfusionMatrix::transposed() const {
    ConfusionMatrix t(classes_);
    for (int r = 0; r < classes_; ++r)
        for (int c = 0; c < classes_; ++c)
            t.counts_[static_cast<std::size_t>(c) * classes_ + r] = count(r, c);
    return t;
}

std::vector<std::vector<std::int64_t>> ConfusionMatrix::rows() const {
    std::vector<std::vector<std::int64_t>> out(classes_);
    for (int r = 0; r < classes_; ++r)
        out[r].assign(counts_.begin() + static_cast<std::ptrdiff_t>(r) * classes_,
                      counts_.begin() + static_cast<std::ptrdiff_t>(r + 1) * classes_);
    return out;
}

ConfusionMatrix ConfusionMatrix::fromRows(const std::vector<std::vector<std::int64_t>>& rows) {
    ConfusionMatrix m(static_cast<int>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != rows.size())
            throw std::invalid_argument("confusion matrix: row " + std::to_string(r) + " has " +
                                        std::to_string(rows[r].size()) + " columns, expected " +
                                        std::to_string(rows.size()));
        for (std::size_t c = 0; c < rows.size(); ++c)
            m.add(static_cast<int>(r), static_cast<int>(c), rows[r][c]);
    }
    return m;
}

} // namespace inception
