#include "core/spec/ModelSpec.hpp"

#include "core/base/InputError.hpp"
#include "core/spec/ModelAnalysis.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace inception {
namespace {

TEST(ModelSpecTest, SeedPresetIsTheNotebooksModel) {
    const ModelSpec seed = seedSpec();
    ASSERT_EQ(seed.units.size(), 5u);
    const int inputs[] = {64, 128, 192, 256, 256};
    for (std::size_t u = 0; u < seed.units.size(); ++u)
        EXPECT_EQ(seed.unitInputChannels(u), inputs[u]) << "unit " << u;
    EXPECT_EQ(seed.featureChannels(), 256);
    EXPECT_TRUE(validate(seed).empty());
}

TEST(ModelSpecTest, SeedAnalysisMatchesTheNotebooksTotals) {
    const ModelAnalysis a = analyze(seedSpec());
    EXPECT_EQ(a.parameters, 592'714);
    EXPECT_EQ(a.macs, 39'479'808);
    EXPECT_EQ(a.stemOutput, (TensorShape{64, 8, 8}));
    EXPECT_EQ(a.layers.front().name, "conv1.0");
    EXPECT_EQ(a.layers.front().output, (TensorShape{64, 16, 16}));
    EXPECT_EQ(a.layers.back().name, "classifier.2");
    EXPECT_EQ(a.layers.back().parameters, 2570);
    std::int64_t unitParams = 0;
    for (const auto& u : a.units)
        unitParams += u.parameters;
    EXPECT_EQ(unitParams, a.parameters - 9472 - 2570); // stem conv and classifier
    EXPECT_EQ(a.units[0].output, (TensorShape{128, 8, 8}));
}

TEST(ModelSpecTest, AnalysisFollowsTheSpec) {
    ModelSpec spec = seedSpec();
    spec.stem.maxPool = false; // 16x16 feature maps: four times the unit cost
    const ModelAnalysis a = analyze(spec);
    const ModelAnalysis seed = analyze(seedSpec());
    EXPECT_EQ(a.stemOutput, (TensorShape{64, 16, 16}));
    EXPECT_EQ(a.units[2].macs, 4 * seed.units[2].macs);
    EXPECT_EQ(a.parameters, seed.parameters);
}

TEST(ModelSpecTest, JsonRoundTrip) {
    ModelSpec normalized = tinySpec();
    normalized.input.mean = {0.49, 0.48, 0.45};
    normalized.input.std = {0.25, 0.24, 0.26};
    ModelSpec pooled = seedSpec();
    pooled.units[1].poolAfter = pooled.units[3].poolAfter = true;
    for (const auto& spec : {seedSpec(), tinySpec(), normalized, pooled})
        EXPECT_EQ(modelSpecFromJson(toJson(spec), "x.json"), spec);
    // Spec files written before units could pool read as units that do not.
    EXPECT_FALSE(modelSpecFromJson(R"({"units": [{"out1x1": 8, "reduce3x3": 8, "out3x3": 8,
                                       "reduce5x5": 8, "out5x5": 8, "pool_proj": 8}]})",
                                   "old.json")
                     .units[0]
                     .poolAfter);
    EXPECT_EQ(toJson(seedSpec()).find("mean"), std::string::npos); // the notebook's, unchanged
}

struct InvalidCase {
    const char* name;
    std::function<void(ModelSpec&)> change;
    const char* field;
    const char* message;
};

class ModelSpecValidationTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ModelSpecValidationTest, NamesTheField) {
    ModelSpec spec = seedSpec();
    GetParam().change(spec);
    const auto issues = validate(spec);
    ASSERT_FALSE(issues.empty());
    EXPECT_EQ(issues.front().field, GetParam().field);
    EXPECT_NE(issues.front().message.find(GetParam().message), std::string::npos)
        << issues.front().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ModelSpecValidationTest,
    ::testing::Values(
        InvalidCase{"ZeroReduce", [](ModelSpec& s) { s.units[2].reduce3x3 = 0; },
                    "units[2].reduce3x3", "must be at least 1"},
        InvalidCase{"NegativePoolProj", [](ModelSpec& s) { s.units[4].poolProj = -3; },
                    "units[4].pool_proj", "must be at least 1"},
        InvalidCase{"AbsurdWidth", [](ModelSpec& s) { s.units[0].out1x1 = 64000; },
                    "units[0].out1x1", "must be at most 4096"},
        InvalidCase{"NoUnits", [](ModelSpec& s) { s.units.clear(); }, "units", "at least one"},
        InvalidCase{"EvenKernel", [](ModelSpec& s) { s.stem.kernel = 6; }, "stem.kernel",
                    "must be odd"},
        InvalidCase{"ZeroStride", [](ModelSpec& s) { s.stem.stride = 0; }, "stem.stride",
                    "must be at least 1"},
        InvalidCase{"OneClass", [](ModelSpec& s) { s.head.classes = 1; }, "head.classes",
                    "must be at least 2"},
        InvalidCase{"DropoutOne", [](ModelSpec& s) { s.head.dropout = 1.0; }, "head.dropout",
                    "[0, 1)"},
        InvalidCase{"HugeInput", [](ModelSpec& s) { s.input.height = 100000; }, "input.height",
                    "must be at most"},
        InvalidCase{"ShrinksBelowOnePixel",
                    [](ModelSpec& s) {
                        s.input.height = s.input.width = 2;
                        s.stem.stride = 8;
                    },
                    "input.height", "shrinks below 1x1"},
        InvalidCase{"MeanPerChannel",
                    [](ModelSpec& s) {
                        s.input.mean = {0.5};
                        s.input.std = {0.2, 0.2, 0.2};
                    },
                    "input.mean", "one value per channel (3), got 1"},
        InvalidCase{"ZeroStd",
                    [](ModelSpec& s) {
                        s.input.mean = {0.5, 0.5, 0.5};
                        s.input.std = {0.2, 0.0, 0.2};
                    },
                    "input.std[1]", "must be a positive number"}),
    [](const auto& info) { return info.param.name; });

struct BadJsonCase {
    const char* name;
    const char* json;
    const char* expected; // InputError::oneLine() contains this
};

class ModelSpecJsonTest : public ::testing::TestWithParam<BadJsonCase> {};

TEST_P(ModelSpecJsonTest, ReportsFileAndField) {
    try {
        modelSpecFromJson(GetParam().json, "model.json");
        FAIL() << "accepted " << GetParam().json;
    } catch (const InputError& e) {
        EXPECT_NE(e.oneLine().find(GetParam().expected), std::string::npos) << e.oneLine();
        EXPECT_EQ(e.oneLine().find('\n'), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ModelSpecJsonTest,
    ::testing::Values(
        BadJsonCase{"NotJson", "{units: [", "model.json: not valid JSON"},
        // Found by fuzz-model-spec: a number beyond a double is not a parse_error.
        BadJsonCase{"NumberOverflow", "9e645", "model.json: not valid JSON: "},
        BadJsonCase{"NotObject", "[1, 2]", "model.json: (top level): must be a JSON object"},
        BadJsonCase{"MissingUnits", "{}", "model.json: units: is missing"},
        BadJsonCase{"UnitsNotArray", R"({"units": 3})", "model.json: units: must be an array"},
        BadJsonCase{"MissingField",
                    R"({"units": [{"out1x1": 8, "reduce3x3": 8, "out3x3": 8, "reduce5x5": 8,
                       "out5x5": 8}]})",
                    "model.json: units[0].pool_proj: is missing"},
        BadJsonCase{"WrongType",
                    R"({"units": [{"out1x1": "wide", "reduce3x3": 8, "out3x3": 8,
                       "reduce5x5": 8, "out5x5": 8, "pool_proj": 8}]})",
                    "model.json: units[0].out1x1: must be a whole number"},
        BadJsonCase{"Invalid",
                    R"({"units": [{"out1x1": 8, "reduce3x3": 0, "out3x3": 8,
                       "reduce5x5": 8, "out5x5": 8, "pool_proj": 8}]})",
                    "model.json: units[0].reduce3x3: must be at least 1"},
        BadJsonCase{"BadBool", R"({"stem": {"lrn": 1}, "units": []})",
                    "model.json: stem.lrn: must be true or false"},
        BadJsonCase{"FutureVersion", R"({"format_version": 7, "units": []})",
                    "model.json: format_version: is 7: written by a newer Inception Workbench"},
        BadJsonCase{"MeanNotNumbers", R"({"input": {"mean": [0.5, "x", 0.5]}, "units": []})",
                    "model.json: input.mean[1]: must be a number"},
        BadJsonCase{"BadBatchNorm", R"({"batch_norm": "yes", "units": []})",
                    "model.json: batch_norm: must be true or false"}),
    [](const auto& info) { return info.param.name; });

TEST(ModelSpecTest, LoadsPresetsAndRejectsUnknownNames) {
    EXPECT_EQ(loadModelSpec("seed"), seedSpec());
    EXPECT_EQ(loadModelSpec("tiny"), tinySpec());
    try {
        loadModelSpec("/no/such/spec.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/no/such/spec.json");
        EXPECT_NE(std::string(e.what()).find("seed, tiny, wide"), std::string::npos);
    }
}

TEST(ModelSpecTest, WidePresetDoublesEveryBranch) {
    const ModelSpec wide = loadModelSpec("wide");
    ASSERT_EQ(wide.units.size(), seedSpec().units.size());
    for (std::size_t i = 0; i < wide.units.size(); ++i)
        EXPECT_EQ(wide.units[i].outChannels(), 2 * seedSpec().units[i].outChannels());
    EXPECT_TRUE(validate(wide).empty());
    EXPECT_GT(analyze(wide).macs, 3 * analyze(seedSpec()).macs);
}

TEST(ModelSpecTest, BatchNormAndVersionRoundTrip) {
    ModelSpec spec = tinySpec();
    spec.batchNorm = true;
    const std::string text = toJson(spec);
    EXPECT_NE(text.find("\"format_version\": 1"), std::string::npos);
    EXPECT_EQ(modelSpecFromJson(text, "x"), spec);
    // Files from before the field existed are version 1 without batch norm.
    EXPECT_FALSE(modelSpecFromJson(toJson(seedSpec()), "x").batchNorm);
}

} // namespace
} // namespace inception
