// A file that cannot be written (the disk full, a quota: here RLIMIT_FSIZE, set by `ulimit -f`
// in the child only) stops training cleanly with one error line; the previous file stays
// intact and nothing half-written is left.
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace inception {
namespace {

namespace fs = std::filesystem;

// inception-cli with files limited to `kilobytes` (SIGXFSZ ignored, so a write past the limit
// fails with EFBIG as on a full disk instead of killing the process).
test::CliOutcome runLimited(const test::Cli& cli, int kilobytes,
                            const std::vector<std::string>& args) {
    std::vector<std::string> command{"/bin/bash", "-c",
                                     "trap '' XFSZ; ulimit -f " + std::to_string(kilobytes) +
                                         " && exec \"$0\" \"$@\"",
                                     test::cliPath()};
    command.insert(command.end(), args.begin(), args.end());
    const fs::path out = cli.folder() / "limited.out";
    const fs::path err = cli.folder() / "limited.err";
    test::ChildProcess child(command, out, err);
    test::CliOutcome o;
    o.exitCode = child.wait();
    o.out = test::readFile(out);
    o.err = test::readFile(err);
    return o;
}

std::vector<std::string> leftovers(const fs::path& folder) {
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.path().filename().string().find(".tmp") != std::string::npos)
            found.push_back(entry.path().string());
    return found;
}

TEST(FailedWrites, ACheckpointThatCannotBeWrittenStopsTrainingAndKeepsThePreviousOne) {
    test::Cli cli;
    const fs::path runs = cli.folder() / "runs";
    ASSERT_EQ(
        cli.run({"train", "--data", "synthetic:20", "--model", "tiny", "--epochs", "1",
                 "--batch-size", "10", "--threads", "1", "--out", runs.string(), "--name", "full"})
            .exitCode,
        0);
    const fs::path run = fs::directory_iterator(runs)->path();
    const fs::path last = run / "checkpoints" / "last.ckpt";
    const std::string before = test::readFile(last);
    ASSERT_GT(before.size(), 64u * 1024) << "the limit below must be under a checkpoint's size";

    // Epoch 2 trains, then its checkpoint cannot be written: LibTorch's own writer used to end
    // the process here (its destructor threw), leaving a temporary file and run.json running.
    auto o = runLimited(cli, 64,
                        {"train", "--data", "synthetic:20", "--model", "tiny", "--epochs", "2",
                         "--batch-size", "10", "--threads", "1", "--resume", last.string()});
    EXPECT_EQ(o.exitCode, 3) << o.err;
    EXPECT_EQ(o.err, "error: " + last.string() + ": cannot be written: File too large\n");
    EXPECT_EQ(test::readFile(last), before) << "the previous checkpoint is intact";
    EXPECT_TRUE(leftovers(run).empty()) << leftovers(run).front();
    const auto info = nlohmann::json::parse(test::readFile(run / "run.json"));
    EXPECT_EQ(info["status"], "failed");

    // With room again, the run resumes from the intact checkpoint and finishes.
    o = cli.run({"train", "--data", "synthetic:20", "--model", "tiny", "--epochs", "2",
                 "--batch-size", "10", "--threads", "1", "--resume", last.string()});
    EXPECT_EQ(o.exitCode, 0) << o.err;
    EXPECT_EQ(nlohmann::json::parse(test::readFile(run / "run.json"))["status"], "finished");
}

TEST(FailedWrites, AnExportThatCannotBeWrittenLeavesNothing) {
    test::Cli cli;
    const fs::path runs = cli.folder() / "runs";
    ASSERT_EQ(cli.run({"train", "--data", "synthetic:10", "--model", "tiny", "--epochs", "1",
                       "--threads", "1", "--out", runs.string()})
                  .exitCode,
              0);
    const fs::path checkpoint = fs::directory_iterator(runs)->path() / "checkpoints" / "last.ckpt";
    const fs::path exported = cli.folder() / "tiny.pt";
    std::ofstream(exported) << "an earlier export";
    auto o = runLimited(cli, 8,
                        {"export", "--checkpoint", checkpoint.string(), "--format", "pytorch",
                         "--out", exported.string()});
    EXPECT_EQ(o.exitCode, 3) << o.err;
    EXPECT_EQ(o.err, "error: " + exported.string() + ": cannot be written: File too large\n");
    EXPECT_EQ(test::readFile(exported), "an earlier export");
    EXPECT_TRUE(leftovers(cli.folder().path()).empty());
}

} // namespace
} // namespace inception
