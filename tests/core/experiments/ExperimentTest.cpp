// Experiment files: what a newcomer writes, the trials they make, and one clear error per
// mistake.
#include "core/experiments/Experiment.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <set>

namespace inception {
namespace {

using test::contains;
using test::errorOf;

ExperimentDefinition parse(const std::string& text) {
    return experimentFromJson(text, "exp.json", "");
}

const char* const kNewcomer = R"({
  "name": "widths", "data": "synthetic:4",
  "base": {"model": "tiny", "lr": 0.01, "batch-size": 16, "epochs": 2},
  "vary": {"units[1].out3x3": [8, 16], "lr": [0.01, 0.001], "width_multiplier": [0.5, 1]},
  "search": "grid"
})";

TEST(ExperimentFile, ANewcomersGridMakesEveryCombinationFirstKeySlowest) {
    const auto trials = planTrials(parse(kNewcomer));
    ASSERT_EQ(trials.size(), 8u);
    EXPECT_EQ(trials[0].label(false), "units[1].out3x3=8 lr=0.01 width_multiplier=0.5");
    EXPECT_EQ(trials[1].label(false), "units[1].out3x3=8 lr=0.01 width_multiplier=1");
    EXPECT_EQ(trials[7].label(false), "units[1].out3x3=16 lr=0.001 width_multiplier=1");
    // The base's settings, then the varied ones, then the multiplier over every width.
    EXPECT_EQ(trials[0].spec.units[1].out3x3, 4);
    EXPECT_EQ(trials[0].spec.stem.outChannels, (tinySpec().stem.outChannels + 1) / 2);
    EXPECT_EQ(trials[1].spec.units[1].out3x3, 8);
    EXPECT_EQ(trials[0].config.batchSize, 16);
    EXPECT_EQ(trials[0].config.epochs, 2);
    EXPECT_DOUBLE_EQ(trials[2].config.learningRate, 0.001);
    EXPECT_EQ(trials[0].folderName, "000-u1.out3x3-8-lr-0.01-x-0.5");
    for (const TrialPlan& t : trials)
        EXPECT_EQ(t.configuration, t.id);
}

TEST(ExperimentFile, SeedsRepeatEachConfiguration) {
    const auto trials = planTrials(parse(R"({"name": "s", "data": "synthetic:4",
        "base": {"model": "tiny", "seed": 7}, "vary": {"lr": [0.01, 0.02]}, "seeds": 3})"));
    ASSERT_EQ(trials.size(), 6u);
    EXPECT_EQ(trials[0].seed, 7u);
    EXPECT_EQ(trials[2].seed, 9u);
    EXPECT_EQ(trials[3].configuration, 1);
    EXPECT_EQ(trials[3].config.seed, 7u);
    EXPECT_EQ(trials[3].label(true), "lr=0.02 seed=7");
    EXPECT_EQ(trials[5].folderName, "005-lr-0.02-s9");
}

TEST(ExperimentFile, RandomSearchDrawsDistinctConfigurationsTheSameEachTime) {
    const std::string text = R"({"name": "r", "data": "synthetic:4", "base": {"model": "tiny"},
        "vary": {"lr": [0.1, 0.01, 0.001], "weight_decay": [0, 0.0001, 0.001]},
        "search": "random", "trials": 4, "search_seed": 3})";
    const auto first = planTrials(parse(text));
    const auto second = planTrials(parse(text));
    ASSERT_EQ(first.size(), 4u);
    std::set<std::string> labels;
    for (std::size_t i = 0; i < first.size(); ++i) {
        labels.insert(first[i].label(false));
        EXPECT_EQ(first[i].label(false), second[i].label(false));
    }
    EXPECT_EQ(labels.size(), 4u);
}

TEST(ExperimentFile, HalvingTrainsToTheLastRungUnlessEpochsAreGiven) {
    const auto trials = planTrials(parse(R"({"name": "h", "data": "synthetic:4",
        "base": {"model": "tiny"}, "vary": {"lr": [0.1, 0.01]},
        "halving": {"rungs": [1, 3, 9], "keep": 0.5}})"));
    EXPECT_EQ(trials[0].config.epochs, 9);
    const ExperimentDefinition e = parse(R"({"name": "h", "data": "synthetic:4",
        "base": {"model": "tiny", "epochs": 12}, "halving": {"rungs": [2, 6]}})");
    EXPECT_EQ(planTrials(e)[0].config.epochs, 12);
    EXPECT_EQ(decisionRungs(e, 12), (std::vector<int>{2, 6}));
    EXPECT_EQ(decisionRungs(e, 6), (std::vector<int>{2}));
}

TEST(ExperimentFile, RecipesStructureAndSettingsComeFirst) {
    const auto trials = planTrials(parse(R"({"name": "r", "data": "synthetic:4",
        "base": {"model": "seed", "lr": 0.1}, "vary": {"recipe": ["notebook", "fast"]}})"));
    EXPECT_FALSE(trials[0].spec.batchNorm);
    EXPECT_TRUE(trials[1].spec.batchNorm);
    EXPECT_EQ(trials[1].config.recipe, "fast");
    EXPECT_DOUBLE_EQ(trials[1].config.learningRate, 0.1); // the base overrides the recipe
}

TEST(ExperimentFile, WritesBackWhatItRead) {
    const ExperimentDefinition e = parse(kNewcomer);
    const ExperimentDefinition again = parse(toJsonValue(e).dump());
    EXPECT_EQ(planTrials(again)[5].label(false), planTrials(e)[5].label(false));
    EXPECT_EQ(again.vary.front().key, "units[1].out3x3");
}

std::string errorFor(const std::string& text) {
    return errorOf([&] { parse(text); });
}

TEST(ExperimentFile, EachMistakeGetsOneLineNamingTheFieldAndWhatIsWrong) {
    const std::string head = R"("name": "bad", "data": "synthetic:4", )";
    const auto error = [&](const std::string& rest) { return errorFor("{" + head + rest + "}"); };
    EXPECT_EQ(error(R"("vary": {"lr": [0.1]}, "budget": 3)"), "exp.json: budget: unknown field");
    EXPECT_TRUE(
        contains(error(R"("vary": {"lr": []})"), "exp.json: vary.lr: must be a non-empty list"));
    EXPECT_TRUE(
        contains(error(R"("vary": {"lr": [0.1]}, "trials": 0)"), "exp.json: trials: must be"));
    EXPECT_TRUE(contains(error(R"("base": {"model": "tiny"}, "vary": {"units[0].out1x1": [-4]})"),
                         "exp.json: vary.units[0].out1x1: must be at least 1, got -4"));
    EXPECT_TRUE(contains(error(R"("base": {"model": "tiny"}, "vary": {"units[7].out1x1": [4]})"),
                         "exp.json: vary.units[7].out1x1: is not a field of the spec"));
    EXPECT_TRUE(contains(error(R"("base": {"learning_speed": 2})"),
                         "exp.json: base.learning_speed: unknown setting"));
    EXPECT_TRUE(contains(error(R"("vary": {"lr": ["fast"]})"),
                         "exp.json: vary.lr: must be a number, got \"fast\""));
    EXPECT_TRUE(contains(error(R"("search": "random", "vary": {"lr": [0.1]})"),
                         "exp.json: trials: random search needs a trial budget"));
    EXPECT_TRUE(
        contains(error(R"("halving": {"rungs": [3, 2]})"), "exp.json: halving.rungs: must grow"));
    EXPECT_TRUE(contains(error(R"("halving": {"rungs": [2]}, "vary": {"epochs": [2, 4]})"),
                         "exp.json: vary.epochs: cannot vary with halving"));
    EXPECT_TRUE(contains(errorFor(R"({"data": "synthetic:4"})"), "exp.json: name: must be"));
    EXPECT_TRUE(contains(errorFor("{\"name\": "), "exp.json: not valid JSON"));
    for (const std::string& message :
         {error(R"("vary": {"lr": []})"), error(R"("base": {"learning_speed": 2})")})
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

} // namespace
} // namespace inception
