// Measures how quickly the Runs page lists a big folder: COUNT run folders copied from a few
// real ones (run.json, metrics.jsonl, notes.json, summary.json), listed by the page's catalog
// with the summaries, then again with every summary.json removed (each metrics file parsed),
// and polled once as the page does every second. Prints one line per measurement.
//   inception-catalog-bench RUN... [--count N]
#include "tests/support/RunCopies.hpp"
#include "ui/runs/RunCatalog.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>
#include <filesystem>

namespace {

namespace fs = std::filesystem;
using inception::ui::RunCatalog;

// Milliseconds from pointing a catalog at `root` to its first scan's end.
double listMilliseconds(const QString& root, std::size_t* listed) {
    RunCatalog catalog;
    QEventLoop loop;
    QObject::connect(&catalog, &RunCatalog::scanFinished, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    catalog.setRoot(root);
    loop.exec();
    const double listing = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    *listed = catalog.entries().size();
    clock.restart();
    catalog.poll();
    std::printf("  one poll of every run (stat only): %.1f ms\n",
                static_cast<double>(clock.nsecsElapsed()) / 1e6);
    return listing;
}

std::uintmax_t bytesOf(const fs::path& root, const char* file) {
    std::uintmax_t bytes = 0;
    for (const auto& entry : fs::directory_iterator(root))
        if (fs::exists(entry.path() / file))
            bytes += fs::file_size(entry.path() / file);
    return bytes;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::vector<fs::path> sources;
    int count = 1000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = std::atoi(argv[++i]);
        else
            sources.emplace_back(argv[i]);
    }
    if (sources.empty() || count <= 0) {
        std::fprintf(stderr, "usage: inception-catalog-bench RUN... [--count N]\n");
        return 2;
    }
    for (const fs::path& source : sources)
        if (!fs::exists(source / "run.json")) {
            std::fprintf(stderr, "error: %s: not a run directory\n", source.c_str());
            return 3;
        }
    QTemporaryDir tmp;
    const fs::path root = fs::path(tmp.path().toStdString()) / "runs";
    inception::test::copyRuns(sources, root, count);
    std::printf("%d runs copied from %zu real ones: metrics.jsonl %.1f MB in all, summary.json "
                "%.1f MB\n",
                count, sources.size(), bytesOf(root, "metrics.jsonl") / 1e6,
                bytesOf(root, inception::kRunSummaryFile) / 1e6);
    std::size_t listed = 0;
    std::printf("with summaries:\n");
    const double fast = listMilliseconds(QString::fromStdString(root.string()), &listed);
    std::printf("  listed %zu runs in %.0f ms\n", listed, fast);
    for (const auto& entry : fs::directory_iterator(root))
        fs::remove(entry.path() / inception::kRunSummaryFile);
    std::printf("without summaries (every metrics file parsed):\n");
    const double slow = listMilliseconds(QString::fromStdString(root.string()), &listed);
    std::printf("  listed %zu runs in %.0f ms\n", listed, slow);
    return 0;
}
