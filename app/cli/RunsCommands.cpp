#include "app/cli/RunsCommands.hpp"

#include "app/cli/ExitCodes.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TextFormat.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunNotes.hpp"
#include "core/runs/RunSummary.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace inception::cli {

namespace {

namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& part : parts)
        out += (out.empty() ? "" : ",") + part;
    return out;
}

std::string percent(const std::optional<MetricSpan>& span, double MetricSpan::*which) {
    return span ? formatText("%.2f%%", 100 * ((*span).*which)) : std::string("-");
}

// The Runs page's table, read from each run's summary.json (made from the whole run when it
// is stale or absent).
int runList(const RunsCommands& c) {
    std::error_code error;
    if (!fs::is_directory(c.folder, error))
        throw InputError(c.folder, "is not a folder of runs");
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(c.folder, error))
        if (fs::exists(entry.path() / runfiles::kRunJson))
            folders.push_back(entry.path());
    std::sort(folders.begin(), folders.end());
    nlohmann::json rows = nlohmann::json::array();
    std::vector<std::string> lines;
    for (const fs::path& folder : folders) {
        RunSummary run;
        RunNotes notes;
        try {
            run = loadRunSummary(folder.string());
            notes = readRunNotes(folder.string());
        } catch (const InputError& e) {
            std::cerr << "note: " << e.oneLine() << '\n';
            continue;
        }
        if (!c.tag.empty() && !notes.hasTag(c.tag))
            continue;
        nlohmann::json row = toJsonValue(run);
        row.erase("format");
        row.erase("version");
        row["folder"] = folder.filename().string();
        row["tags"] = notes.tags;
        row["note"] = notes.note;
        rows.push_back(std::move(row));
        const std::string loss =
            run.testLoss ? formatText("%.4f", run.testLoss->last) : std::string("-");
        const std::string target = run.reached
                                       ? formatText("%.0f%%@%ds", 100 * run.targetAccuracy,
                                                    static_cast<int>(run.reached->seconds + 0.5))
                                       : std::string("-");
        lines.push_back(
            formatText("%-32s %-9s %6d %8s %8s %8s %8s %9s %-10s %s %s", folder.filename().c_str(),
                       toString(run.status).c_str(), run.trainedEpochs,
                       percent(run.testAccuracy, &MetricSpan::max).c_str(),
                       percent(run.testAccuracy, &MetricSpan::last).c_str(),
                       percent(run.testAccuracy, &MetricSpan::min).c_str(), loss.c_str(),
                       target.c_str(), run.recipe.empty() ? "-" : run.recipe.c_str(),
                       notes.note.empty() ? " " : "*", joined(notes.tags).c_str()));
    }
    if (c.json) {
        std::cout << rows.dump(2) << '\n';
        return kExitOk;
    }
    std::cout << formatText("%-32s %-9s %6s %8s %8s %8s %8s %9s %-10s %s %s\n", "run", "status",
                            "epochs", "best", "last", "min", "loss", "target", "recipe", "n",
                            "tags");
    for (const std::string& line : lines)
        std::cout << line << '\n';
    std::cout << rows.size() << " run(s)" << (c.tag.empty() ? "" : " tagged " + c.tag)
              << "; best, last, min: test accuracy; loss: last test loss; n: * when the run has "
                 "a note\n";
    return kExitOk;
}

} // namespace

void addRunsCommands(CLI::App& app, RunsCommands& c) {
    auto* runs = app.add_subcommand("runs", "notes, tags and the table of run folders");
    runs->require_subcommand(1);
    auto* tag = runs->add_subcommand("tag", "add tags to a run or experiment folder (or remove)");
    tag->add_option("folder", c.folder, "run or experiment folder")->required();
    tag->add_option("tags", c.tags, "tags (no commas)")->required();
    tag->add_flag("--remove", c.remove, "remove these tags instead");
    auto* note = runs->add_subcommand("note", "set the note of a run or experiment folder");
    note->add_option("folder", c.folder, "run or experiment folder")->required();
    note->add_option("text", c.note, "the note (\"\" clears it)")->required();
    auto* list = runs->add_subcommand("list", "the runs of a folder with results, tags and notes");
    list->add_option("folder", c.folder, "runs folder (default runs)");
    list->add_option("--tag", c.tag, "only runs with this tag");
    list->add_flag("--json", c.json, "print JSON");
}

int runRunsCommand(const CLI::App& app, const RunsCommands& c) {
    if (!app.got_subcommand("runs"))
        return -1;
    const auto* runs = app.get_subcommand("runs");
    if (runs->got_subcommand("tag")) {
        const auto tags = tagRun(c.folder, c.tags, c.remove);
        std::cout << c.folder << ": " << (tags.empty() ? "no tags" : joined(tags)) << '\n';
        return kExitOk;
    }
    if (runs->got_subcommand("note")) {
        noteRun(c.folder, c.note);
        return kExitOk;
    }
    RunsCommands list = c;
    if (list.folder.empty())
        list.folder = "runs";
    return runList(list);
}

} // namespace inception::cli
