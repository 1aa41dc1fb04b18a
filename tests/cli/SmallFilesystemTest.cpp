// A real full disk: a 2 MB tmpfs mounted in a user and mount namespace of the test's own
// (`unshare -Urm`), nearly filled, under a run that resumes. Where the machine does not allow
// the namespace the test is skipped, and CTest reports it as skipped, not passed.
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace inception {
namespace {

namespace fs = std::filesystem;

TEST(SmallFilesystem, AFullDiskStopsTrainingWithOneLineAndKeepsThePreviousCheckpoint) {
    if (std::system("unshare -Urm true >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "unshare -Urm is not permitted on this machine: no small filesystem "
                        "can be mounted";
    test::Cli cli;
    const fs::path run = test::trainTinyRun(cli);
    const std::string checkpoint = test::readFile(run / "checkpoints" / "last.ckpt");
    ASSERT_GT(checkpoint.size(), 64u * 1024) << "the room left below must be under its size";

    // In the namespace: mount, copy the run in, fill the disk to 16 KB from full, resume,
    // and copy what the run left back out before the mount goes away with the namespace.
    const fs::path small = cli.folder() / "small", after = cli.folder() / "after";
    fs::create_directories(small);
    std::string resume = "\"$CLI\"";
    for (const auto& arg : test::tinyTraining(20))
        resume += " " + arg;
    resume += " --epochs 2 --resume \"$SMALL/run/checkpoints/last.ckpt\"";
    const std::string script =
        "set -e; mount -t tmpfs -o size=2m tmpfs \"$SMALL\"; cp -r \"$RUN\" \"$SMALL/run\"; "
        "room=$(df --output=avail -B1 \"$SMALL\" | tail -1); "
        "head -c $((room - 16384)) /dev/zero > \"$SMALL/filler\" || true; set +e; " +
        resume + "; code=$?; cp -r \"$SMALL/run\" \"$AFTER\"; exit $code";
    const fs::path out = cli.folder() / "small.out", err = cli.folder() / "small.err";
    test::ChildProcess child({"/usr/bin/unshare", "-Urm", "/bin/bash", "-c", script}, out, err,
                             {{"CLI", test::cliPath()},
                              {"SMALL", small.string()},
                              {"RUN", run.string()},
                              {"AFTER", after.string()}});
    const int code = child.wait();
    const std::string error = test::readFile(err);

    EXPECT_EQ(code, 3) << error;
    EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << error;
    EXPECT_TRUE(error.starts_with("error: " + small.string() + "/run/")) << error;
    ASSERT_TRUE(fs::exists(after / "run.json")) << error;
    EXPECT_TRUE(test::readFile(after / "checkpoints" / "last.ckpt") == checkpoint)
        << "the previous checkpoint is intact";
    EXPECT_NO_THROW(nlohmann::json::parse(test::readFile(after / "run.json")));
    for (const auto& entry : fs::recursive_directory_iterator(after))
        EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

} // namespace
} // namespace inception
