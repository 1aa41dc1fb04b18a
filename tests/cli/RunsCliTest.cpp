// runs tag, note and list through the real executable.
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <set>

namespace inception {
namespace {

namespace fs = std::filesystem;

TEST(RunsCli, TagNoteAndListRuns) {
    test::Cli cli;
    const std::string runs = (cli.folder() / "runs").string();
    for (const char* name : {"first", "second"})
        ASSERT_EQ(cli.run({"train", "--data", "synthetic:10", "--model", "tiny", "--epochs", "1",
                           "--threads", "2", "--out", runs, "--name", name})
                      .exitCode,
                  0);
    std::vector<std::string> folders;
    for (const auto& entry : fs::directory_iterator(runs))
        folders.push_back(entry.path().string());
    std::sort(folders.begin(), folders.end());
    ASSERT_EQ(folders.size(), 2u);

    auto o = cli.run({"runs", "tag", folders[1], "baseline", "tiny"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_EQ(o.out, folders[1] + ": baseline,tiny\n");
    EXPECT_EQ(cli.run({"runs", "note", folders[1], "the one to beat"}).exitCode, 0);

    o = cli.run({"runs", "list", runs, "--json"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const auto all = nlohmann::json::parse(o.out);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1]["tags"], nlohmann::json({"baseline", "tiny"}));
    EXPECT_EQ(all[1]["note"], "the one to beat");
    EXPECT_EQ(all[0]["trained_epochs"], 1);
    EXPECT_TRUE(all[0]["test_acc"]["max"].is_number());
    EXPECT_EQ(all[0]["test_acc"]["max"], all[0]["test_acc"]["last"]) << "one epoch";
    EXPECT_TRUE(all[0]["test_loss"]["last"].is_number());
    EXPECT_TRUE(fs::exists(fs::path(folders[0]) / "summary.json")) << "written by training";
    o = cli.run({"runs", "list", runs, "--tag", "baseline", "--json"});
    EXPECT_EQ(nlohmann::json::parse(o.out).size(), 1u);
    o = cli.run({"runs", "list", runs});
    EXPECT_TRUE(test::contains(o.out, "* baseline,tiny")) << o.out;
    EXPECT_TRUE(test::contains(o.out, "2 run(s)"));

    o = cli.run({"runs", "tag", folders[0], "a,b"});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_EQ(o.err, "error: tag: 'a,b' holds a comma or a control character\n");
    o = cli.run({"runs", "tag", folders[1], "tiny", "--remove"});
    EXPECT_EQ(o.out, folders[1] + ": baseline\n");
    o = cli.run({"runs", "list", (cli.folder() / "nowhere").string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(test::contains(o.err, "nowhere: is not a folder of runs"));
}

// Processes writing runs into one folder at once, under one name: distinct run directories,
// each whole.
TEST(RunsCli, ProcessesStartingTogetherWriteDistinctRuns) {
    test::Cli cli;
    const fs::path runs = cli.folder() / "runs";
    std::vector<std::unique_ptr<test::ChildProcess>> writers;
    for (int i = 0; i < 3; ++i)
        writers.push_back(std::make_unique<test::ChildProcess>(
            std::vector<std::string>{test::cliPath(), "train", "--data", "synthetic:10", "--model",
                                     "tiny", "--epochs", "1", "--threads", "1", "--out",
                                     runs.string(), "--name", "together"},
            cli.folder() / ("out" + std::to_string(i)),
            cli.folder() / ("err" + std::to_string(i))));
    for (auto& writer : writers)
        EXPECT_EQ(writer->wait(), 0);
    std::set<std::string> folders;
    for (const auto& entry : fs::directory_iterator(runs)) {
        folders.insert(entry.path().filename().string());
        const auto info = nlohmann::json::parse(test::readFile(entry.path() / "run.json"));
        EXPECT_EQ(info["status"], "finished") << entry.path();
        EXPECT_TRUE(fs::exists(entry.path() / "checkpoints" / "last.ckpt")) << entry.path();
    }
    EXPECT_EQ(folders.size(), 3u);
}

} // namespace
} // namespace inception
