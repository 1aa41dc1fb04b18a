#include "core/evaluation/ConfusionMatrix.hpp"

#include "core/training/TrainingLog.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

// Three classes; rows true, columns predicted.
ConfusionMatrix sample() {
    return ConfusionMatrix::fromRows({{5, 1, 0}, {2, 3, 1}, {0, 0, 4}});
}

TEST(ConfusionMatrixTest, CountsAndAccuracy) {
    const ConfusionMatrix m = sample();
    EXPECT_EQ(m.total(), 16);
    EXPECT_EQ(m.correct(), 12);
    EXPECT_DOUBLE_EQ(m.accuracy(), 0.75);
    EXPECT_EQ(m.count(1, 0), 2);
    EXPECT_EQ(m.transposed().count(0, 1), 2);
    EXPECT_EQ(m.transposed().transposed(), m);
    EXPECT_DOUBLE_EQ(ConfusionMatrix(4).accuracy(), 0.0);
}

TEST(ConfusionMatrixTest, PerClassPrecisionRecallF1) {
    const auto metrics = sample().perClass();
    ASSERT_EQ(metrics.size(), 3u);
    EXPECT_DOUBLE_EQ(metrics[0].precision, 5.0 / 7.0);
    EXPECT_DOUBLE_EQ(metrics[0].recall, 5.0 / 6.0);
    EXPECT_EQ(metrics[0].support, 6);
    EXPECT_DOUBLE_EQ(metrics[1].precision, 3.0 / 4.0);
    EXPECT_DOUBLE_EQ(metrics[1].recall, 0.5);
    EXPECT_DOUBLE_EQ(metrics[1].f1, 2 * 0.75 * 0.5 / 1.25);
    EXPECT_DOUBLE_EQ(metrics[2].precision, 0.8);
    EXPECT_DOUBLE_EQ(metrics[2].recall, 1.0);
}

TEST(ConfusionMatrixTest, ClassNeverPredictedHasZeroPrecision) {
    const auto metrics = ConfusionMatrix::fromRows({{2, 0}, {3, 0}}).perClass();
    EXPECT_DOUBLE_EQ(metrics[1].precision, 0.0);
    EXPECT_DOUBLE_EQ(metrics[1].f1, 0.0);
}

TEST(ConfusionMatrixTest, RejectsBadIndicesAndRaggedRows) {
    ConfusionMatrix m(3);
    EXPECT_THROW(m.add(3, 0), std::out_of_range);
    EXPECT_THROW(m.add(0, -1), std::out_of_range);
    EXPECT_THROW(ConfusionMatrix::fromRows({{1, 2}, {3}}), std::invalid_argument);
}

TEST(ConfusionMatrixTest, PrintedWithLabelledAxesInEitherLayout) {
    const std::vector<std::string> names = {"cat", "dog", "bird"};
    const std::string standard = formatConfusionMatrix(sample(), names, false);
    EXPECT_NE(standard.find("rows: true class, columns: predicted class"), std::string::npos);
    EXPECT_NE(standard.find("dog       2    3    1"), std::string::npos) << standard;
    const std::string notebook = formatConfusionMatrix(sample(), names, true);
    EXPECT_NE(notebook.find("rows: predicted class, columns: true class"), std::string::npos);
    EXPECT_NE(notebook.find("cat       5    2    0"), std::string::npos) << notebook;
}

TEST(ConfusionMatrixTest, NotebookLogLine) {
    EXPECT_EQ(formatBatchLine({1, 30, 50, 196, 1.95712, 0.001, 0}),
              "Epoch [ 1 /30 ]  Batch [ 50  / 196 ]  Loss: 1.9571");
    EXPECT_EQ(formatBatchLine({12, 30, 196, 196, 0.5, 0.001, 0}),
              "Epoch [ 12 /30 ]  Batch [ 196 / 196 ]  Loss: 0.5000");
    EXPECT_TRUE(isLoggedBatch({1, 30, 50, 196, 0, 0, 0}, 50));
    EXPECT_TRUE(isLoggedBatch({1, 30, 196, 196, 0, 0, 0}, 50));
    EXPECT_FALSE(isLoggedBatch({1, 30, 51, 196, 0, 0, 0}, 50));
}

} // namespace
} // namespace inception
