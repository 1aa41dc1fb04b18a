#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

struct ClassMetrics {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::int64_t support = 0; // true samples of the class
};

// Counts of (true class, predicted class) pairs. Rows are true classes, columns predicted
// ones; the notebook's layout (rows predicted) is transposed().
class ConfusionMatrix {
public:
    ConfusionMatrix() = default;
    explicit ConfusionMatrix(int classes);

    int classes() const { return classes_; }
    void add(int trueClass, int predictedClass, std::int64_t count = 1);
    std::int64_t count(int trueClass, int predictedClass) const;
    std::int64_t total() const;
    std::int64_t correct() const;
    double accuracy() const;
    std::vector<ClassMetrics> perClass() const;
    ConfusionMatrix transposed() const;

    std::vector<std::vector<std::int64_t>> rows() const;
    static ConfusionMatrix fromRows(const std::vector<std::vector<std::int64_t>>& rows);

    bool operator==(const ConfusionMatrix&) const = default;

private:
    int classes_ = 0;
    std::vector<std::int64_t> counts_;
};

} // namespace inception
