#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace inception::cli {

// explain, ablate, suspects and predict: why a checkpoint errs (docs/analysis.md).
struct ExplainCommands {
    std::string checkpoint;
    std::string data;
    int threads = 0;
    bool json = false;
    // explain
    std::string images; // test indices, "3,17,42"
    std::string target = "predicted";
    int unit = -1; // -1: the last unit
    std::string out;
    // ablate
    std::string mode = "mean";
    // suspects
    std::string split = "test";
    int top = 20;
    // predict
    std::vector<std::string> files;
};

void addExplainCommands(CLI::App& app, ExplainCommands& commands);
// The exit code of the explain command CLI11 parsed, or -1 when none of them was given.
int runExplainCommand(const CLI::App& app, const ExplainCommands& commands);

} // namespace inception::cli
