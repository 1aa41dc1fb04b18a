// A run directory as the workbench and `runs list` read it: run.json, metrics.jsonl followed
// while it grows (the input's second piece is written, followed, then its third appended, so
// lines are torn anywhere), summary.json and notes.json. Pieces are split at 0x1e.
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunNotes.hpp"
#include "core/runs/RunSummary.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

using namespace inception;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto pieces = fuzz::splitInput(data, size, 5);
    const auto folder = fuzz::freshFolder("run");
    const auto write = [&](const char* name, std::string_view bytes) {
        return fuzz::writeScratch("run/" + std::string(name), bytes);
    };
    write(runfiles::kRunJson, pieces[0]);
    const auto metrics = write(runfiles::kMetrics, pieces[1]);
    write(kRunSummaryFile, pieces[3]);
    write(kRunNotesFile, pieces[4]);
    fuzz::acceptOrRefuse([&] {
        RunFollower follower(folder.string());
        follower.poll();
        fuzz::appendTo(metrics, pieces[2]);
        follower.poll();
        follower.record();
    });
    fuzz::acceptOrRefuse([&] { readRun(folder.string()); });
    fuzz::acceptOrRefuse([&] { readCurrentRunSummary(folder.string()); });
    fuzz::acceptOrRefuse([&] { readRunNotes(folder.string()); });
    return 0;
}
