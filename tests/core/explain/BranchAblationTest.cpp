#include "core/explain/BranchAblation.hpp"

#include "core/spec/ModelAnalysis.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

GoogLeNet seededModel(int classes) {
    torch::manual_seed(3);
    ModelSpec spec = *preset("tiny");
    spec.head.classes = classes;
    GoogLeNet model(spec);
    initializeWeights(model);
    model->eval();
    return model;
}

TEST(BranchAblation, ZeroingABranchChangesTheLogitsAndRestoringGivesThemBack) {
    GoogLeNet model = seededModel(10);
    torch::NoGradGuard noGrad;
    const auto input = torch::rand({4, 3, 32, 32});
    const auto before = model->forward(input);
    for (int u = 0; u < model->unitCount(); ++u)
        for (int b = 0; b < kBranches; ++b) {
            model->unit(u)->overrideBranch(b);
            EXPECT_FALSE(torch::equal(model->forward(input), before)) << "unit " << u << " " << b;
            model->unit(u)->overrideBranch(-1);
            EXPECT_TRUE(torch::equal(model->forward(input), before)) << "unit " << u << " " << b;
        }
}

TEST(BranchAblation, TheMeanOfOneImageIsTheImagesOwnOutput) {
    GoogLeNet model = seededModel(10);
    torch::NoGradGuard noGrad;
    const DatasetSplit one{torch::randint(0, 256, {1, 32, 32, 3}).to(torch::kUInt8),
                           torch::zeros({1}, torch::kInt64)};
    const auto input = toModelInput(one.images);
    const auto before = model->forward(input);
    const auto means = branchMeans(model, one);
    ASSERT_EQ(means.size(), 2u);
    model->unit(1)->overrideBranch(2, means[1][2]);
    EXPECT_TRUE(torch::allclose(model->forward(input), before, 1e-5, 1e-5));
    model->unit(1)->overrideBranch(2, torch::zeros_like(means[1][2]));
    EXPECT_FALSE(torch::allclose(model->forward(input), before, 1e-5, 1e-5));
    model->unit(1)->overrideBranch(-1);
}

TEST(BranchAblation, ReportsEveryBranchWithItsCostAndLeavesTheModelWhole) {
    GoogLeNet model = seededModel(4);
    torch::manual_seed(5);
    const DatasetSplit split{torch::randint(0, 256, {40, 32, 32, 3}).to(torch::kUInt8),
                             torch::arange(40, torch::kInt64) % 4};
    std::vector<std::int64_t> steps;
    const AblationReport report = ablateBranches(model, split, 4, AblationMode::Mean,
                                                 [&](std::int64_t done, std::int64_t total) {
                                                     steps.push_back(done);
                                                     EXPECT_EQ(total, 10);
                                                     return true;
                                                 });
    ASSERT_EQ(report.branches.size(), 8u);
    EXPECT_EQ(steps.back(), 10);
    EXPECT_EQ(report.branches[5].field, "units[1].out3x3");
    EXPECT_EQ(report.branches[7].field, "units[1].pool_proj");
    std::int64_t branchMacs = 0;
    for (const BranchEffect& b : report.branches) {
        branchMacs += b.macs;
        EXPECT_GT(b.macs, 0);
        EXPECT_EQ(b.classAccuracy.size(), 4u);
    }
    const ModelAnalysis analysis = analyze(model->spec());
    std::int64_t unitMacs = 0;
    for (const UnitInfo& u : analysis.units)
        unitMacs += u.macs;
    EXPECT_EQ(branchMacs, unitMacs) << "the branches' MACs add up to the units'";
    for (int u = 0; u < model->unitCount(); ++u)
        EXPECT_EQ(model->unit(u)->overriddenBranch(), -1);

    const auto json = toJson(report, {"a", "b", "c", "d"});
    EXPECT_EQ(json["branches"].size(), 8u);
    EXPECT_EQ(json["mode"], "mean");
    EXPECT_TRUE(json["branches"][0]["class_accuracy_lost"].contains("d"));
}

TEST(BranchAblation, CancelsWhenAskedAndRestoresTheBranch) {
    GoogLeNet model = seededModel(4);
    const DatasetSplit split{torch::zeros({8, 32, 32, 3}, torch::kUInt8),
                             torch::zeros({8}, torch::kInt64)};
    EXPECT_THROW(ablateBranches(model, split, 4, AblationMode::Zero,
                                [](std::int64_t done, std::int64_t) { return done < 3; }),
                 ExplainCancelled);
    for (int u = 0; u < model->unitCount(); ++u)
        EXPECT_EQ(model->unit(u)->overriddenBranch(), -1);
    EXPECT_EQ(test::errorOf([] { parseAblationMode("half", "--mode"); }),
              "--mode: must be zero or mean, not 'half'");
}

} // namespace
} // namespace inception
