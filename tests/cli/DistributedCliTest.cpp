// Data-parallel training end to end: ranks of the real inception-cli started as torchrun starts
// them (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), talking over Gloo on 127.0.0.1.
#include "core/runs/RunDirectory.hpp"
#include "core/training/Checkpoint.hpp"
#include "tests/support/ChildProcess.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <chrono>
#include <thread>

namespace inception {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::ChildProcess;
using test::TemporaryFolder;

using test::contains;

// `ranks` processes of `command`, each with torchrun's variables for its rank.
class Ranks {
public:
    Ranks(const TemporaryFolder& folder, int ranks, const std::vector<std::string>& command,
          const std::vector<std::vector<std::string>>& extraArgs = {}) {
        const std::string port = std::to_string(test::freeLoopbackPort());
        for (int rank = 0; rank < ranks; ++rank) {
            const std::string tag = std::to_string(serial_) + "-" + std::to_string(rank);
            out_.push_back(folder / ("rank-out-" + tag));
            err_.push_back(folder / ("rank-err-" + tag));
            std::vector<std::string> args = command;
            if (static_cast<std::size_t>(rank) < extraArgs.size())
                args.insert(args.end(), extraArgs[rank].begin(), extraArgs[rank].end());
            processes_.push_back(std::make_unique<ChildProcess>(
                args, out_.back(), err_.back(),
                std::map<std::string, std::string>{{"MASTER_ADDR", "127.0.0.1"},
                                                   {"MASTER_PORT", port},
                                                   {"WORLD_SIZE", std::to_string(ranks)},
                                                   {"RANK", std::to_string(rank)},
                                                   {"LOCAL_RANK", std::to_string(rank)},
                                                   {"LOCAL_WORLD_SIZE", std::to_string(ranks)}}));
        }
        ++serial_;
    }

    ChildProcess& process(int rank) { return *processes_[static_cast<std::size_t>(rank)]; }
    std::string out(int rank) const { return test::readFile(out_[static_cast<std::size_t>(rank)]); }
    std::string err(int rank) const { return test::readFile(err_[static_cast<std::size_t>(rank)]); }
    std::vector<int> wait() {
        std::vector<int> codes;
        for (auto& process : processes_)
            codes.push_back(process->wait());
        return codes;
    }

    // Waits (up to a minute) until `ready` holds.
    static bool waitUntil(const std::function<bool()>& ready) {
        for (int i = 0; i < 1200; ++i) {
            if (ready())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

private:
    static inline int serial_ = 0;
    std::vector<fs::path> out_, err_;
    std::vector<std::unique_ptr<ChildProcess>> processes_;
};

std::vector<std::string> train(const fs::path& runs, std::vector<std::string> more) {
    std::vector<std::string> args = {test::cliPath(), "train",     "--out",
                                     runs.string(),   "--threads", "1"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// The seed model with dropout, crops and flips: the parts of each batch must draw what one
// process draws. 120 images in batches of 32: the last batch (24) splits unevenly over 3 ranks.
const std::vector<std::string> kRecipe = {
    "--data", "synthetic:12", "--model", "seed", "--batch-size", "32", "--augment", "--seed", "9"};

std::vector<std::string> recipe(std::vector<std::string> more) {
    std::vector<std::string> args = kRecipe;
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

fs::path onlyRun(const fs::path& runs) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(runs))
        found.push_back(entry.path());
    EXPECT_EQ(found.size(), 1u) << "one run directory, written by rank 0 alone";
    return found.empty() ? fs::path() : found.front();
}

// The ranks add their parts' gradients in another order than one process adds the whole
// batch's: one step leaves the weights equal to float rounding (1e-7 measured), and the
// training that follows amplifies that rounding (the notebook's N(0, 1) biases start it at a
// loss of 6, where Adam's sign-like steps flip on near-zero gradients). Stated tolerances:
// weights within 1e-5 after one SGD step; every batch's loss within 1% over two epochs.
constexpr double kOneStepWeights = 1e-5;
constexpr double kTrajectoryLoss = 0.01;

void expectSameLosses(const RunRecord& ranks, const RunRecord& single) {
    ASSERT_EQ(ranks.batches.size(), single.batches.size());
    EXPECT_NEAR(ranks.batches.front().loss, single.batches.front().loss,
                1e-6 * std::abs(single.batches.front().loss))
        << "no step yet";
    for (std::size_t i = 0; i < single.batches.size(); ++i)
        EXPECT_NEAR(ranks.batches[i].loss, single.batches[i].loss,
                    kTrajectoryLoss * std::abs(single.batches[i].loss))
            << "batch " << i + 1;
    ASSERT_EQ(ranks.epochs.size(), single.epochs.size());
    EXPECT_NEAR(ranks.epochs.back().testLoss, single.epochs.back().testLoss,
                kTrajectoryLoss * single.epochs.back().testLoss);
}

double largestWeightDifference(const fs::path& a, const fs::path& b) {
    auto first = CheckpointReader(a.string()).model();
    auto second = CheckpointReader(b.string()).model();
    double worst = 0.0;
    const auto theirs = second->parameters();
    const auto ours = first->parameters();
    for (std::size_t k = 0; k < ours.size(); ++k)
        worst = std::max(worst, (ours[k] - theirs[k]).abs().max().item<double>());
    return worst;
}

class DistributedCliTest : public ::testing::Test {
protected:
    // The single-process references: two epochs of the recipe, and its first step alone.
    static void SetUpTestSuite() {
        reference_ = std::make_unique<TemporaryFolder>();
        ChildProcess single(train(*reference_ / "runs", recipe({"--epochs", "2"})),
                            *reference_ / "out", *reference_ / "err");
        ChildProcess step(train(*reference_ / "step", oneStep()), *reference_ / "out-step",
                          *reference_ / "err-step");
        ASSERT_EQ(single.wait(), 0) << test::readFile(*reference_ / "err");
        ASSERT_EQ(step.wait(), 0) << test::readFile(*reference_ / "err-step");
    }
    static void TearDownTestSuite() { reference_.reset(); }
    static RunRecord reference() { return readRun(onlyRun(*reference_ / "runs").string()); }
    static fs::path referenceStep() {
        return onlyRun(*reference_ / "step") / "checkpoints/last.ckpt";
    }
    static std::vector<std::string> oneStep() {
        // SGD: Adam's first step, lr * g / (|g| + 1e-8), turns the rounding of gradients near
        // 1e-8 into whole steps of lr; SGD shows the sum of the gradients as it is.
        return recipe({"--epochs", "1", "--limit-train", "32", "--optimizer", "sgd", "--lr", "0.01",
                       "--check-replicas"});
    }
    // One step on `ranks` ranks against one process's.
    double oneStepDifference(int ranks) {
        const fs::path runs = tmp_ / ("step-" + std::to_string(ranks));
        Ranks group(tmp_, ranks, train(runs, oneStep()));
        const auto codes = group.wait();
        EXPECT_EQ(codes, std::vector<int>(static_cast<std::size_t>(ranks), 0)) << group.err(0);
        return largestWeightDifference(onlyRun(runs) / "checkpoints/last.ckpt", referenceStep());
    }

    TemporaryFolder tmp_;

private:
    static inline std::unique_ptr<TemporaryFolder> reference_;
};

TEST_F(DistributedCliTest, TwoRanksFollowOneProcessWithTheWholeBatch) {
    EXPECT_LT(oneStepDifference(2), kOneStepWeights);
    Ranks ranks(tmp_, 2, train(tmp_ / "runs", recipe({"--epochs", "2", "--check-replicas"})));
    EXPECT_EQ(ranks.wait(), (std::vector<int>{0, 0})) << ranks.err(0) << ranks.err(1);
    EXPECT_TRUE(contains(ranks.out(0), "Run folder: ")) << ranks.out(0);
    EXPECT_EQ(ranks.out(1), "") << "the other ranks keep quiet";

    const fs::path run = onlyRun(tmp_ / "runs");
    expectSameLosses(readRun(run.string()), reference());

    const json info = json::parse(test::readFile(run / "run.json"));
    EXPECT_EQ(info["effective_batch_size"], 32);
    EXPECT_EQ(info["effective_learning_rate"], 0.001);
    EXPECT_EQ(info["distributed"]["world_size"], 2);
    EXPECT_EQ(info["distributed"]["per_rank_batch_size"], 16);
    EXPECT_EQ(info["distributed"]["backend"], "gloo");
    EXPECT_EQ(info["distributed"]["check_replicas"], true);
}

TEST_F(DistributedCliTest, ThreeRanksFollowOneProcessAndResumeOnTwo) {
    EXPECT_LT(oneStepDifference(3), kOneStepWeights);
    Ranks three(tmp_, 3, train(tmp_ / "runs", recipe({"--epochs", "1", "--check-replicas"})));
    EXPECT_EQ(three.wait(), (std::vector<int>{0, 0, 0})) << three.err(0) << three.err(2);
    const fs::path run = onlyRun(tmp_ / "runs");
    const fs::path last = run / "checkpoints/last.ckpt";
    EXPECT_EQ(CheckpointReader(last.string()).meta().epochsCompleted, 1);

    Ranks two(tmp_, 2,
              {test::cliPath(), "train", "--data", "synthetic:12", "--resume", last.string(),
               "--epochs", "2", "--threads", "1", "--check-replicas"});
    EXPECT_EQ(two.wait(), (std::vector<int>{0, 0})) << two.err(0) << two.err(1);
    expectSameLosses(readRun(run.string()), reference());
    EXPECT_EQ(json::parse(test::readFile(run / "run.json"))["distributed"]["world_size"], 2);
}

TEST_F(DistributedCliTest, AKilledRankStopsTheOthersAndItsRunResumesOnOtherRanks) {
    // Small batches over many epochs: time to kill a rank once a checkpoint is there.
    const auto args =
        train(tmp_ / "runs", {"--data", "synthetic:4", "--model", "tiny", "--batch-size", "8",
                              "--epochs", "500", "--log-interval", "1", "--dist-timeout", "20"});
    Ranks ranks(tmp_, 3, args);
    fs::path last;
    ASSERT_TRUE(Ranks::waitUntil([&] {
        if (!fs::exists(tmp_ / "runs") || fs::is_empty(tmp_ / "runs"))
            return false;
        last = onlyRun(tmp_ / "runs") / "checkpoints/last.ckpt";
        return fs::exists(last) && contains(ranks.out(0), "Epoch [ 3 /500 ]");
    })) << ranks.out(0)
        << ranks.err(0);
    kill(ranks.process(2).pid(), SIGKILL);
    const auto codes = ranks.wait();
    EXPECT_EQ(codes[0], 5) << ranks.err(0);
    EXPECT_EQ(codes[1], 5) << ranks.err(1);
    for (const int rank : {0, 1})
        EXPECT_TRUE(contains(ranks.err(rank), "error: distributed training stopped on rank " +
                                                  std::to_string(rank) + " of 3 while "))
            << ranks.err(rank);
    const RunRecord record = readRun(onlyRun(tmp_ / "runs").string());
    EXPECT_EQ(record.status, RunStatus::Failed);
    EXPECT_TRUE(contains(record.message, "distributed training stopped")) << record.message;

    const int saved = CheckpointReader(last.string()).meta().epochsCompleted;
    EXPECT_GE(saved, 2);
    Ranks two(tmp_, 2,
              {test::cliPath(), "train", "--data", "synthetic:4", "--resume", last.string(),
               "--epochs", std::to_string(saved + 1), "--threads", "1"});
    EXPECT_EQ(two.wait(), (std::vector<int>{0, 0})) << two.err(0) << two.err(1);
    EXPECT_EQ(CheckpointReader(last.string()).meta().epochsCompleted, saved + 1);
}

TEST_F(DistributedCliTest, AHungRankEndsTheOthersWithTheTimeout) {
    const auto args =
        train(tmp_ / "runs", {"--data", "synthetic:4", "--model", "tiny", "--batch-size", "8",
                              "--epochs", "500", "--log-interval", "1", "--dist-timeout", "3"});
    Ranks ranks(tmp_, 2, args);
    ASSERT_TRUE(Ranks::waitUntil([&] { return contains(ranks.out(0), "Epoch [ 2 /500 ]"); }))
        << ranks.err(0);
    kill(ranks.process(1).pid(), SIGSTOP); // alive but silent, as a rank stuck in a kernel
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(ranks.process(0).wait(), 5);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
    EXPECT_TRUE(contains(ranks.err(0), "error: distributed training stopped on rank 0 of 2 while "))
        << ranks.err(0);
    EXPECT_TRUE(contains(ranks.err(0), "no answer from the other ranks within 3 s"))
        << ranks.err(0);
}

TEST_F(DistributedCliTest, RanksStartedDifferentlyAllRefuseNamingTheRank) {
    const auto args = train(tmp_ / "runs", {"--data", "synthetic:2", "--model", "tiny",
                                            "--batch-size", "8", "--epochs", "1"});
    Ranks ranks(tmp_, 2, args, {{}, {"--lr", "0.01"}});
    EXPECT_EQ(ranks.wait(), (std::vector<int>{3, 3}));
    for (const int rank : {0, 1})
        EXPECT_EQ(ranks.err(rank), "error: rank 1: its model, settings, data or position differs "
                                   "from rank 0's; every rank must be started with the same "
                                   "options, data and checkpoint\n");
    EXPECT_FALSE(fs::exists(tmp_ / "runs")) << "nothing written";
}

TEST_F(DistributedCliTest, DistributedWithoutTorchrunsVariablesSaysWhatIsMissing) {
    ChildProcess cli({test::cliPath(), "train", "--data", "synthetic:2", "--distributed"},
                     tmp_ / "out", tmp_ / "err", {{"WORLD_SIZE", ""}});
    EXPECT_EQ(cli.wait(), 3);
    EXPECT_EQ(test::readFile(tmp_ / "err"),
              "error: --distributed: WORLD_SIZE is not set: start the ranks with torchrun or "
              "scripts/launch-local N (docs/distributed.md)\n");
}

TEST_F(DistributedCliTest, BenchReportsEveryRanksSpeedAndWaitingShare) {
    Ranks ranks(tmp_, 2,
                {test::cliPath(), "bench", "--distributed", "--data", "synthetic:4", "--model",
                 "tiny", "--batches", "2", "--batch-size", "16", "--threads", "1", "--json"});
    EXPECT_EQ(ranks.wait(), (std::vector<int>{0, 0})) << ranks.err(0) << ranks.err(1);
    EXPECT_EQ(ranks.out(1), "") << "rank 0 reports for the group";
    const json figures = json::parse(ranks.out(0));
    EXPECT_EQ(figures["world_size"], 2);
    EXPECT_EQ(figures["batch_size"], 16);
    EXPECT_GT(figures["buckets"].get<int>(), 0);
    double sum = 0.0;
    for (int rank = 0; rank < 2; ++rank) {
        const double rate = figures["rank_images_per_second"][rank];
        const double share = figures["rank_communication_share"][rank];
        EXPECT_GT(rate, 0.0) << "rank " << rank;
        EXPECT_GE(share, 0.0);
        EXPECT_LT(share, 1.0);
        sum += rate;
    }
    EXPECT_DOUBLE_EQ(figures["images_per_second"].get<double>(), sum);
}

TEST_F(DistributedCliTest, LaunchLocalStartsRanksAndCtrlCStopsThemTogether) {
    const fs::path script = test::sourceFolder() / "scripts/launch-local";
    ChildProcess launcher({script.string(), "2", test::cliPath(), "train", "--data", "synthetic:4",
                           "--model", "tiny", "--batch-size", "8", "--epochs", "500", "--threads",
                           "1", "--log-interval", "1", "--out", (tmp_ / "runs").string()},
                          tmp_ / "out", tmp_ / "err");
    ASSERT_TRUE(Ranks::waitUntil([&] {
        return contains(test::readFile(tmp_ / "out"), "Epoch [ 2 /500 ]  Batch [ 2 ");
    })) << test::readFile(tmp_ / "err");
    kill(launcher.pid(), SIGINT);
    EXPECT_EQ(launcher.wait(), 130) << test::readFile(tmp_ / "err");
    const std::string out = test::readFile(tmp_ / "out");
    EXPECT_TRUE(contains(out, "[rank 0] Run folder: ")) << out;
    EXPECT_FALSE(contains(out, "[rank 1] Run folder: ")) << out;
    EXPECT_TRUE(contains(test::readFile(tmp_ / "err"), "[rank 0] interrupted: checkpoint saved"));

    // Stopped mid-epoch on 2 ranks; continued on 3.
    const fs::path last = onlyRun(tmp_ / "runs") / "checkpoints/last.ckpt";
    const CheckpointMeta stopped = CheckpointReader(last.string()).meta();
    Ranks three(tmp_, 3,
                {test::cliPath(), "train", "--data", "synthetic:4", "--resume", last.string(),
                 "--epochs", std::to_string(stopped.epochsCompleted + 1), "--threads", "1",
                 "--check-replicas"});
    EXPECT_EQ(three.wait(), (std::vector<int>{0, 0, 0})) << three.err(0);
    EXPECT_TRUE(
        contains(three.out(0), "Resuming at epoch " + std::to_string(stopped.epochsCompleted + 1)))
        << three.out(0);
    EXPECT_EQ(CheckpointReader(last.string()).meta().epochsCompleted, stopped.epochsCompleted + 1);
}

} // namespace
} // namespace inception
