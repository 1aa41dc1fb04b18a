#pragma once

#include "core/runs/RunSummary.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace inception::test {

// A big catalogue made from a few real runs: `count` run folders under `root`, each a copy of
// one of `sources` (round robin) holding its run.json, metrics.jsonl, notes.json and
// summary.json (copied last, so that it is current) but no checkpoints or predictions.
inline std::vector<std::string> copyRuns(const std::vector<std::filesystem::path>& sources,
                                         const std::filesystem::path& root, int count) {
    namespace fs = std::filesystem;
    std::vector<std::string> folders;
    fs::create_directories(root);
    for (int i = 0; i < count; ++i) {
        const fs::path& source = sources[static_cast<std::size_t>(i) % sources.size()];
        char name[64];
        std::snprintf(name, sizeof name, "20260101-%06d-copy", i);
        const fs::path folder = root / name;
        fs::create_directory(folder);
        for (const char* file : {"run.json", "metrics.jsonl", "notes.json", kRunSummaryFile})
            if (fs::exists(source / file))
                fs::copy_file(source / file, folder / file);
        if (fs::exists(folder / kRunSummaryFile))
            fs::last_write_time(folder / kRunSummaryFile, fs::last_write_time(folder / "run.json"));
        folders.push_back(folder.string());
    }
    return folders;
}

} // namespace inception::test
