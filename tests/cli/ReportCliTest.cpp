// inception-cli report through the real executables: the CLI hands the command to
// inception-report beside it.
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace inception {
namespace {

namespace fs = std::filesystem;

std::string pdfText(const fs::path& pdf) {
    const std::string command = "pdftotext -layout '" + pdf.string() + "' - 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string text;
    std::array<char, 4096> buffer{};
    while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get()))
        text += buffer.data();
    return text;
}

TEST(ReportCli, WritesAPdfOfARunThroughTheRenderer) {
    test::Cli cli;
    const fs::path runs = cli.folder() / "runs";
    ASSERT_EQ(cli.run({"train", "--data", "synthetic:10", "--model", "tiny", "--epochs", "1",
                       "--threads", "2", "--out", runs.string(), "--name", "shared"})
                  .exitCode,
              0);
    const fs::path run = fs::directory_iterator(runs)->path();
    const fs::path pdf = cli.folder() / "shared.pdf";
    auto o = cli.run({"report", run.string(), "--format", "pdf", "--out", pdf.string()});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_EQ(o.out, pdf.string() + "\n");
    const std::string text = pdfText(pdf);
    for (const char* section :
         {"Model", "Data and recipe", "Curves", "Per class", "Machine and timings", "Notes"})
        EXPECT_TRUE(test::contains(text, section)) << section << " in:\n" << text;

    o = cli.run({"report", run.string(), "--format", "doc", "--out", pdf.string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_EQ(o.err, "error: --format: must be html or pdf, got 'doc'\n");
    o = cli.run({"report", (cli.folder() / "none").string(), "--out", pdf.string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_EQ(o.err, "error: " + (cli.folder() / "none").string() +
                         ": neither a run (run.json) nor an experiment (experiment.json) folder\n");
    o = cli.run({"report", run.string(), "--out", pdf.string()}, nullptr,
                {{"INCEPTION_REPORT", "/nonexistent/inception-report"}});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(test::contains(o.err, "/nonexistent/inception-report: the report renderer is not "
                                      "installed beside inception-cli"))
        << o.err;
}

} // namespace
} // namespace inception
