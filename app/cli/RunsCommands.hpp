#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace inception::cli {

// runs tag, runs note, runs list: notes and tags on run (and experiment) folders.
struct RunsCommands {
    std::string folder;            // tag, note: the run; list: the runs folder
    std::vector<std::string> tags; // tag
    bool remove = false;           // tag --remove
    std::string note;              // note
    std::string tag;               // list --tag
    bool json = false;             // list --json
};

void addRunsCommands(CLI::App& app, RunsCommands& commands);
// The exit code of the runs command CLI11 parsed, or -1 when none was given.
int runRunsCommand(const CLI::App& app, const RunsCommands& commands);

} // namespace inception::cli
