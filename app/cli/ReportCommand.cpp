#include "app/cli/ReportCommand.hpp"

#include "core/base/InputError.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace inception::cli {

namespace fs = std::filesystem;

void addReportCommand(CLI::App& app, ReportCommand& c) {
    auto* report = app.add_subcommand(
        "report", "write a run's or an experiment's report as one HTML or PDF file");
    report->add_option("folder", c.folder, "run or experiment folder")->required();
    report->add_option("--format", c.format, "html or pdf")->capture_default_str();
    report->add_option("--out", c.out, "the report file to write")->required();
}

std::string reportRendererPath() {
    if (const char* path = std::getenv("INCEPTION_REPORT"); path && *path)
        return path;
    std::error_code error;
    return (fs::read_symlink("/proc/self/exe", error).parent_path() / "inception-report").string();
}

int runReportCommand(const CLI::App& app, const ReportCommand& c) {
    if (!app.got_subcommand("report"))
        return -1;
    if (c.format != "html" && c.format != "pdf")
        throw InputError("--format", "must be html or pdf, got '" + c.format + "'");
    const std::string renderer = reportRendererPath();
    if (access(renderer.c_str(), X_OK) != 0)
        throw InputError(renderer, "the report renderer is not installed beside inception-cli "
                                   "(or set INCEPTION_REPORT)");
    std::vector<std::string> args{renderer, c.folder, "--format", c.format, "--out", c.out};
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(renderer.c_str(), argv.data());
    throw InputError(renderer, std::string("cannot be started: ") + std::strerror(errno));
}

} // namespace inception::cli
