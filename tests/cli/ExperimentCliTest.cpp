// inception-cli experiment: grids end to end, kills and continuations, trials spread over
// processes as a Slurm array or a Kubernetes Indexed Job would, and bad files.
#include "core/experiments/ExperimentStatus.hpp"
#include "core/runs/RunDirectory.hpp"
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <chrono>
#include <thread>

namespace inception {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::Cli;
using test::contains;

std::string writeExperiment(const Cli& cli, const std::string& vary, int epochs) {
    const fs::path file = cli.folder() / "exp.json";
    test::writeFile(file, R"({"name": "grid", "data": "synthetic:10",
        "base": {"model": "tiny", "batch-size": 10, "limit-test": 50, "epochs": )" +
                              std::to_string(epochs) + "}, \"vary\": " + vary + "}");
    return file.string();
}

int trialFolders(const fs::path& experiment) {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(experiment / "trials"))
        ++n;
    return n;
}

TEST(ExperimentCli, RunsASixTrialGridInTwoProcessesAndReportsTheFront) {
    Cli cli;
    const std::string file =
        writeExperiment(cli, R"({"lr": [0.01, 0.002], "units[1].out3x3": [4, 8, 16]})", 1);
    const fs::path out = cli.folder() / "exp";
    const auto run = cli.run({"experiment", "run", file, "--out", out.string(), "--parallel", "2",
                              "--threads", "1", "--poll", "0.2"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_TRUE(contains(run.out, "6 trials, 6 finished, 0 pruned, 0 failed")) << run.out;
    EXPECT_TRUE(contains(run.out, "Pareto front (best test accuracy against macs): "));
    EXPECT_EQ(trialFolders(out), 6);

    const auto status = cli.run({"experiment", "status", out.string(), "--json"});
    ASSERT_EQ(status.exitCode, 0) << status.err;
    const json doc = json::parse(status.out);
    ASSERT_EQ(doc["trials"].size(), 6u);
    EXPECT_TRUE(doc["complete"].get<bool>());
    EXPECT_FALSE(doc["pareto"].empty());
    for (const json& t : doc["trials"]) {
        EXPECT_EQ(t["status"], "finished");
        EXPECT_GT(t["macs"].get<double>(), 0);
        EXPECT_GT(t["eval_images_per_second"].get<double>(), 0);
        EXPECT_FALSE(t["cpu"].get<std::string>().empty());
    }
    EXPECT_EQ(doc["trials"][5]["values"]["units[1].out3x3"], 16);
    const auto text = cli.run({"experiment", "status", out.string(), "--cost", "params"});
    EXPECT_TRUE(contains(text.out, "units[1].out3x3")) << text.out;
}

TEST(ExperimentCli, AKilledExperimentFinishesWithExactlyOneRunPerTrial) {
    Cli cli;
    const std::string file = writeExperiment(cli, R"({"lr": [0.01, 0.005, 0.002]})", 3);
    const fs::path out = cli.folder() / "exp";
    const std::vector<std::string> args{"experiment", "run",       file, "--out",
                                        out.string(), "--threads", "1"};
    const auto killed = cli.run(args, [](pid_t pid, const fs::path& stdoutFile) {
        // In the second trial's training, after its first epoch.
        for (int i = 0;
             i < 6000 && !contains(test::readFile(stdoutFile), "[trial 1] Epoch [ 1 /3 ]"); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        kill(pid, SIGKILL);
    });
    EXPECT_EQ(killed.exitCode, 128 + SIGKILL);
    const auto again = cli.run(args);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_FALSE(contains(again.out, "[trial 0]")) << again.out; // finished: not redone
    EXPECT_TRUE(contains(again.out, "3 trials, 3 finished")) << again.out;
    EXPECT_EQ(trialFolders(out), 3);
    for (const TrialStatus& t : readExperimentStatus(out.string()).trials)
        EXPECT_EQ(readRun(t.folder).trainedEpochs(), 3) << t.folder;
}

TEST(ExperimentCli, TrialsOfAnArrayJobRunAtOnceOnTheSharedFolder) {
    Cli first, second;
    const std::string file = writeExperiment(first, R"({"lr": [0.01, 0.005, 0.002]})", 2);
    const fs::path out = first.folder() / "exp";
    const std::vector<std::string> args{"experiment", "run",  file,        "--out", out.string(),
                                        "--trial",    "auto", "--threads", "1"};
    // As Slurm and Kubernetes set them; the two processes start together.
    std::thread slurm([&] {
        const auto o = first.run(args, nullptr, {{"SLURM_ARRAY_TASK_ID", "0"}});
        EXPECT_EQ(o.exitCode, 0) << o.err;
    });
    const auto k8s = second.run(args, nullptr, {{"JOB_COMPLETION_INDEX", "2"}});
    slurm.join();
    EXPECT_EQ(k8s.exitCode, 0) << k8s.err;
    const ExperimentStatus status = readExperimentStatus(out.string());
    EXPECT_EQ(status.trials[0].state, TrialState::Finished);
    EXPECT_EQ(status.trials[1].state, TrialState::Pending);
    EXPECT_EQ(status.trials[2].state, TrialState::Finished);
    EXPECT_EQ(status.trials[2].epochsDone, 2);
    EXPECT_FALSE(status.complete());
    const auto o = first.run({"experiment", "run", file, "--out", out.string(), "--trial", "auto"});
    EXPECT_EQ(o.exitCode, 3) << o.err;
    EXPECT_TRUE(contains(o.err, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX"));
}

TEST(ExperimentCli, EachMalformedFileGetsOneErrorLineAndWritesNothing) {
    Cli cli;
    const std::string head =
        R"({"name": "bad", "data": "synthetic:4", "base": {"model": "tiny"}, )";
    const std::vector<std::pair<std::string, std::string>> cases{
        {R"("vary": {"lr": [0.1]}, "colour": 1})", "bad.json: colour: unknown field"},
        {R"("vary": {"lr": []}})", "bad.json: vary.lr: must be a non-empty list"},
        {R"("vary": {"units[0].out1x1": [-8]}})",
         "bad.json: vary.units[0].out1x1: must be at least 1, got -8"},
        {R"("vary": {"lr": [0.1]}, "trials": 0})", "bad.json: trials: must be"}};
    for (const auto& [rest, expected] : cases) {
        const fs::path file = cli.folder() / "bad.json";
        test::writeFile(file, head + rest);
        const fs::path out = cli.folder() / "never";
        const auto o = cli.run({"experiment", "run", file.string(), "--out", out.string()});
        EXPECT_EQ(o.exitCode, 3) << rest;
        EXPECT_TRUE(contains(o.err, "error: ") && contains(o.err, expected)) << o.err;
        EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
        EXPECT_FALSE(fs::exists(out)) << rest;
    }
}

} // namespace
} // namespace inception
