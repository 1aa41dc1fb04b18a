// An experiment's state as read from its trials' run directories and locks.
#include "core/base/FileLock.hpp"
#include "core/experiments/ExperimentRunner.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <regex>

namespace inception {
namespace {

namespace fs = std::filesystem;

std::string quickFolder(const test::TemporaryFolder& tmp) {
    const fs::path file = tmp / "exp.json";
    test::writeFile(file, R"({"name": "s", "data": "synthetic:10", "base": {"model": "tiny",
        "batch-size": 10, "threads": 1, "limit-test": 50, "epochs": 1},
        "vary": {"units[0].out1x1": [4, 12]}})");
    const std::string folder = (tmp / "exp").string();
    prepareExperimentFolder(file.string(), folder);
    return folder;
}

TEST(ExperimentStatus, ReadsPendingTrialsFromTheFileAlone) {
    test::TemporaryFolder tmp;
    const ExperimentStatus status = readExperimentStatus(quickFolder(tmp));
    ASSERT_EQ(status.trials.size(), 2u);
    EXPECT_EQ(status.count(TrialState::Pending), 2);
    EXPECT_EQ(status.trials[0].next.kind, TrialStep::Train);
    EXPECT_EQ(status.trials[0].next.untilEpoch, 1);
    EXPECT_LT(status.trials[0].macs, status.trials[1].macs);
    EXPECT_TRUE(status.pareto.empty());
    EXPECT_FALSE(status.complete());
}

TEST(ExperimentStatus, AKilledTrialReadsStoppedAndALockedOneRunning) {
    test::TemporaryFolder tmp;
    const std::string folder = quickFolder(tmp);
    TrainingControl control;
    ExperimentObserver quiet;
    ExperimentRunOptions options;
    options.folder = folder;
    ASSERT_TRUE(ExperimentRunner(options).run(control, quiet).complete);
    const std::string runJson =
        (fs::path(readExperimentStatus(folder).trials[1].folder) / "run.json").string();
    // As a process killed in its training leaves it.
    test::writeFile(runJson, std::regex_replace(test::readFile(runJson),
                                                std::regex("\"status\": \"finished\""),
                                                "\"status\": \"running\""));
    ExperimentStatus status = readExperimentStatus(folder);
    EXPECT_EQ(status.trials[1].state, TrialState::Stopped);
    EXPECT_EQ(status.trials[1].message, "cut short: continues from its last checkpoint");
    EXPECT_EQ(status.trials[1].next.kind, TrialStep::Train);
    {
        const auto lock = FileLock::tryAcquire(trialLockFile(folder, 1));
        EXPECT_EQ(readExperimentStatus(folder).trials[1].state, TrialState::Running);
        EXPECT_EQ(readExperimentStatus(folder, CostMeasure::Macs, 1).trials[1].state,
                  TrialState::Stopped);
    }
    status = readExperimentStatus(folder, CostMeasure::Parameters);
    const nlohmann::ordered_json doc = toJsonValue(status);
    EXPECT_EQ(doc["cost"], "params");
    EXPECT_EQ(doc["trials"].size(), 2u);
    EXPECT_EQ(doc["trials"][0]["status"], "finished");
    EXPECT_EQ(doc["trials"][0]["values"]["units[0].out1x1"], 4);
    EXPECT_EQ(doc["pareto"], nlohmann::ordered_json::array({0})); // the only finished one
}

TEST(ExperimentStatus, SummarizesEachConfigurationOverItsSeeds) {
    test::TemporaryFolder tmp;
    const fs::path file = tmp / "exp.json";
    test::writeFile(file, R"({"name": "s", "data": "synthetic:10", "base": {"model": "tiny",
        "batch-size": 10, "threads": 1, "limit-test": 50, "epochs": 1},
        "vary": {"lr": [0.01]}, "seeds": [1, 2, 3]})");
    const std::string folder = (tmp / "exp").string();
    prepareExperimentFolder(file.string(), folder);
    TrainingControl control;
    ExperimentObserver quiet;
    ExperimentRunOptions options;
    options.folder = folder;
    ASSERT_TRUE(ExperimentRunner(options).run(control, quiet).complete);
    const ExperimentStatus status = readExperimentStatus(folder);
    ASSERT_EQ(status.configurations.size(), 1u);
    const ConfigurationSummary& c = status.configurations.front();
    EXPECT_EQ(c.trials, 3);
    EXPECT_EQ(c.label, "lr=0.01");
    double mean = 0, squares = 0;
    for (const TrialStatus& t : status.trials)
        mean += t.bestTestAccuracy / 3;
    for (const TrialStatus& t : status.trials)
        squares += (t.bestTestAccuracy - mean) * (t.bestTestAccuracy - mean);
    EXPECT_NEAR(c.meanAccuracy, mean, 1e-12);
    EXPECT_NEAR(c.sdAccuracy, std::sqrt(squares / 2), 1e-12);
    EXPECT_EQ(toJsonValue(status)["configurations"][0]["trials"], 3);
}

TEST(ExperimentStatus, RefusesAFolderWithoutAnExperiment) {
    test::TemporaryFolder tmp;
    EXPECT_TRUE(test::contains(test::errorOf([&] { readExperimentStatus(tmp.path().string()); }),
                               "not an experiment folder"));
}

} // namespace
} // namespace inception
