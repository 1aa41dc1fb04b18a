// The runner on synthetic data: a grid end to end, halving that stops bad learning rates,
// and a stopped experiment that continues where it stopped.
#include "core/experiments/ExperimentRunner.hpp"
#include "core/runs/RunDirectory.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

int folderCount(const fs::path& folder) {
    int n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
        ++n;
    return n;
}

ExperimentRunner runnerFor(const std::string& folder) {
    ExperimentRunOptions options;
    options.folder = folder;
    return ExperimentRunner(options);
}

class Recorder : public ExperimentObserver {
public:
    void trialStarting(const TrialStatus& trial, int untilEpoch) override {
        started.emplace_back(trial.plan.id, untilEpoch);
    }
    void trialPruned(const TrialStatus& trial, const std::string&) override {
        pruned.push_back(trial.plan.id);
    }
    std::vector<std::pair<int, int>> started;
    std::vector<int> pruned;
};

std::string experimentFile(const TemporaryFolder& tmp, const std::string& rest, int perClass = 10) {
    const fs::path file = tmp / "exp.json";
    test::writeFile(file, R"({"name": "t", "data": "synthetic:)" + std::to_string(perClass) +
                              R"(", "base": {"model": "tiny",
        "batch-size": 10, "threads": 1, "limit-test": 100)" +
                              rest + "}");
    return file.string();
}

TEST(ExperimentRunner, RunsASixTrialGridToItsEndWithOneRunDirectoryEach) {
    TemporaryFolder tmp;
    const std::string file = experimentFile(
        tmp, R"(, "epochs": 1}, "vary": {"lr": [0.01, 0.001], "units[0].out1x1": [4, 8, 12]})");
    const std::string folder = (tmp / "exp").string();
    prepareExperimentFolder(file, folder);
    TrainingControl control;
    Recorder recorder;
    const ExperimentOutcome outcome = runnerFor(folder).run(control, recorder);
    EXPECT_TRUE(outcome.complete);
    EXPECT_EQ(outcome.trialsTrained, 6);
    const ExperimentStatus status = readExperimentStatus(folder);
    EXPECT_EQ(status.count(TrialState::Finished), 6);
    EXPECT_EQ(folderCount(fs::path(folder) / "trials"), 6);
    EXPECT_EQ(status.trials[5].plan.spec.units[0].out1x1, 12);
    EXPECT_GT(status.trials[5].macs, status.trials[3].macs);
    EXPECT_GT(status.trials[0].evalImagesPerSecond, 0.0);
    EXPECT_FALSE(status.trials[0].cpu.empty());
    ASSERT_FALSE(status.pareto.empty());
    // The front: no finished trial is as accurate for less arithmetic than one on it.
    for (const int id : status.pareto)
        for (const TrialStatus& t : status.trials)
            EXPECT_FALSE(t.macs < status.trials[id].macs &&
                         t.bestTestAccuracy >= status.trials[id].bestTestAccuracy);
    EXPECT_EQ(test::readFile(fs::path(folder) / "experiment.json"), test::readFile(file));
    // Again: nothing left to do.
    EXPECT_EQ(runnerFor(folder).run(control, recorder).trialsTrained, 0);
}

TEST(ExperimentRunner, HalvingPrunesTheBadLearningRatesAtTheFirstRung) {
    TemporaryFolder tmp;
    const std::string file = experimentFile(
        tmp,
        R"(}, "vary": {"lr": [0.01, 1e-9, 0.02, 2e-9]}, "halving": {"rungs": [1, 2, 3], "keep": 0.5})",
        50);
    const std::string folder = (tmp / "exp").string();
    prepareExperimentFolder(file, folder);
    TrainingControl control;
    Recorder recorder;
    ASSERT_TRUE(runnerFor(folder).run(control, recorder).complete);
    const ExperimentStatus status = readExperimentStatus(folder);
    for (const int bad : {1, 3}) {
        EXPECT_EQ(status.trials[bad].state, TrialState::Pruned) << bad;
        EXPECT_EQ(status.trials[bad].epochsDone, 1) << bad;
        EXPECT_EQ(readRun(status.trials[bad].folder).status, RunStatus::Pruned);
        EXPECT_TRUE(fs::exists(runCheckpoint(status.trials[bad].folder, RunCheckpoint::Last)));
    }
    // Of the two good rates one goes on to the end, the other stops at the second rung.
    EXPECT_EQ(status.count(TrialState::Finished), 1);
    EXPECT_EQ(status.count(TrialState::Pruned), 3);
    const int winner = status.trials[0].state == TrialState::Finished ? 0 : 2;
    EXPECT_EQ(status.trials[winner].epochsDone, 3);
    EXPECT_EQ(status.trials[2 - winner].epochsDone, 2);
    // Every trial trained to the first rung before any went past it.
    ASSERT_GE(recorder.started.size(), 4u);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(recorder.started[static_cast<std::size_t>(i)].second, 1);
    EXPECT_EQ(status.pareto, std::vector<int>{winner});
}

TEST(ExperimentRunner, AStoppedExperimentContinuesWhereItStopped) {
    TemporaryFolder tmp;
    const std::string file =
        experimentFile(tmp, R"(, "epochs": 2}, "vary": {"lr": [0.01, 0.003, 0.001]})");
    const std::string folder = (tmp / "exp").string();
    prepareExperimentFolder(file, folder);

    // Stops in the second trial's first epoch, as Stop in the window or Ctrl-C would.
    class StopInSecondTrial : public ExperimentObserver, public TrainingObserver {
    public:
        explicit StopInSecondTrial(TrainingControl& control) : control_(control) {}
        void trialStarting(const TrialStatus& trial, int) override { trial_ = trial.plan.id; }
        TrainingObserver* trainingObserver() override { return this; }
        void batchFinished(const BatchProgress&) override {
            if (trial_ == 1)
                control_.requestCancel();
        }

    private:
        TrainingControl& control_;
        int trial_ = -1;
    };
    TrainingControl control;
    StopInSecondTrial stopper(control);
    const ExperimentOutcome first = runnerFor(folder).run(control, stopper);
    EXPECT_TRUE(first.stopped);
    ExperimentStatus status = readExperimentStatus(folder);
    EXPECT_EQ(status.trials[0].state, TrialState::Finished);
    EXPECT_EQ(status.trials[1].state, TrialState::Stopped);
    EXPECT_EQ(status.trials[2].state, TrialState::Pending);

    TrainingControl again;
    Recorder recorder;
    EXPECT_TRUE(runnerFor(folder).run(again, recorder).complete);
    EXPECT_EQ(recorder.started, (std::vector<std::pair<int, int>>{{1, 2}, {2, 2}}));
    status = readExperimentStatus(folder);
    EXPECT_EQ(status.count(TrialState::Finished), 3);
    EXPECT_EQ(folderCount(fs::path(folder) / "trials"), 3);
    EXPECT_EQ(readRun(status.trials[1].folder).trainedEpochs(), 2);
}

TEST(ExperimentRunner, RefusesAFolderThatHoldsAnotherExperiment) {
    TemporaryFolder tmp;
    const std::string folder = (tmp / "exp").string();
    prepareExperimentFolder(experimentFile(tmp, R"(}, "vary": {"lr": [0.01]})"), folder);
    const std::string other = experimentFile(tmp, R"(}, "vary": {"lr": [0.02]})");
    EXPECT_TRUE(test::contains(test::errorOf([&] { prepareExperimentFolder(other, folder); }),
                               "holds another experiment"));
    EXPECT_TRUE(test::contains(test::readFile(fs::path(folder) / "experiment.json"), "0.01"));
}

} // namespace
} // namespace inception
