#pragma once

#include <string>

namespace CLI {
class App;
}

namespace inception::cli {

// report RUN|EXPERIMENT --format html|pdf --out FILE: handed to inception-report, the small
// Qt program beside this one that renders with the workbench's own widgets (offscreen), so
// that inception-cli itself stays free of Qt.
struct ReportCommand {
    std::string folder;
    std::string format = "html";
    std::string out;
};

void addReportCommand(CLI::App& app, ReportCommand& command);
// Replaces this process with inception-report when the report command was given (its exit
// code becomes ours); -1 when it was not. Throws InputError for a bad format or a missing
// renderer.
int runReportCommand(const CLI::App& app, const ReportCommand& command);

// The renderer: $INCEPTION_REPORT, or inception-report in this program's folder.
std::string reportRendererPath();

} // namespace inception::cli
