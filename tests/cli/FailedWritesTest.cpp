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
    EXPECT_TRUE(test::readFile(last) == before) << "the previous checkpoint is intact";
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
    const fs::path checkpoint = test::trainTinyRun(cli) / "checkpoints" / "last.ckpt";
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

// The failures a disk returns, injected in the atomic-write layer (INCEPTION_FAIL_WRITES): a
// full disk, a quota, a read-only folder (which root's tests cannot make) and an I/O error.
struct InjectedFailure {
    const char* errnoName;
    const char* message; // strerror's
};

class InjectedWriteFailure : public ::testing::TestWithParam<InjectedFailure> {};

TEST_P(InjectedWriteFailure, StopsTrainingWithOneLineAndKeepsEveryPreviousFile) {
    test::Cli cli;
    const fs::path run = test::trainTinyRun(cli);
    const fs::path last = run / "checkpoints" / "last.ckpt";
    const std::string checkpoint = test::readFile(last);
    const std::string failure = std::string(GetParam().errnoName);

    // The checkpoint of epoch 2.
    auto resume = test::tinyTraining(20);
    resume.insert(resume.end(), {"--epochs", "2", "--resume", last.string()});
    auto o = cli.run(resume, nullptr, {{"INCEPTION_FAIL_WRITES", failure + ":last.ckpt"}});
    EXPECT_EQ(o.exitCode, 3) << o.err;
    EXPECT_EQ(o.err,
              "error: " + last.string() + ": cannot be written: " + GetParam().message + "\n");
    EXPECT_TRUE(test::readFile(last) == checkpoint) << "the previous checkpoint is intact";
    EXPECT_TRUE(leftovers(run).empty()) << leftovers(run).front();
    EXPECT_EQ(nlohmann::json::parse(test::readFile(run / "run.json"))["status"], "failed");

    // run.json, once it has been written at the start (its last write, at the end, fails):
    // the run says so, and the file it has still reads.
    o = cli.run(resume, nullptr, {{"INCEPTION_FAIL_WRITES", failure + ":run.json:1"}});
    EXPECT_EQ(o.exitCode, 3) << o.err;
    EXPECT_EQ(o.err, "error: " + (run / "run.json").string() +
                         ": cannot be written: " + GetParam().message + "\n");
    EXPECT_NO_THROW(nlohmann::json::parse(test::readFile(run / "run.json")));
    EXPECT_TRUE(leftovers(run).empty()) << leftovers(run).front();

    // With the disk back, the run resumes from the intact checkpoint and finishes.
    o = cli.run(resume);
    EXPECT_EQ(o.exitCode, 0) << o.err;
    EXPECT_EQ(nlohmann::json::parse(test::readFile(run / "run.json"))["status"], "finished");
}

TEST_P(InjectedWriteFailure, AnExportKeepsTheEarlierFile) {
    test::Cli cli;
    const fs::path checkpoint = test::trainTinyRun(cli) / "checkpoints" / "last.ckpt";
    for (const char* format : {"pytorch", "onnx"}) {
        const fs::path exported = cli.folder() / (std::string("tiny.") + format);
        std::ofstream(exported) << "an earlier export";
        const auto o = cli.run(
            {"export", "--checkpoint", checkpoint.string(), "--format", format, "--out",
             exported.string()},
            nullptr, {{"INCEPTION_FAIL_WRITES", std::string(GetParam().errnoName) + ":tiny."}});
        EXPECT_EQ(o.exitCode, 3) << format << ": " << o.err;
        EXPECT_EQ(o.err, "error: " + exported.string() +
                             ": cannot be written: " + GetParam().message + "\n");
        EXPECT_EQ(test::readFile(exported), "an earlier export");
    }
    EXPECT_TRUE(leftovers(cli.folder().path()).empty());
}

INSTANTIATE_TEST_SUITE_P(Errors, InjectedWriteFailure,
                         ::testing::Values(InjectedFailure{"ENOSPC", "No space left on device"},
                                           InjectedFailure{"EDQUOT", "Disk quota exceeded"},
                                           InjectedFailure{"EROFS", "Read-only file system"},
                                           InjectedFailure{"EIO", "Input/output error"}),
                         [](const auto& info) { return std::string(info.param.errnoName); });

} // namespace
} // namespace inception
