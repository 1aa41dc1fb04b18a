#include "core/runs/RunSummary.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunRecorder.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

// A finished two-epoch run of the tiny model, recorded as the CLI and the workbench do.
std::string recordRun(const fs::path& root, const std::string& name, double target = 0.0) {
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    TrainingConfig config;
    config.epochs = 2;
    config.batchSize = 16;
    config.threads = 2;
    config.targetAccuracy = target;
    Trainer trainer(tinySpec(), config, data);
    RunRecorder recorder(createRunDirectory(root.string(), name));
    trainer.addObserver(&recorder);
    struct EpochWatcher : TrainingObserver {
        std::string folder;
        std::vector<int> summarizedEpochs;
        void epochFinished(const EpochSummary&, const std::vector<SamplePrediction>&) override {
            // Observers run in order: the recorder has written this epoch's summary.
            summarizedEpochs.push_back(readCurrentRunSummary(folder).value().trainedEpochs);
        }
    } watcher;
    watcher.folder = recorder.folder();
    trainer.addObserver(&watcher);
    TrainingControl control;
    EXPECT_EQ(trainer.run(control).status, RunStatus::Finished);
    EXPECT_EQ(watcher.summarizedEpochs, (std::vector<int>{1, 2})) << "written at every epoch";
    return recorder.folder();
}

TEST(RunSummaryTest, TheRecorderKeepsASummaryThatMatchesTheWholeRun) {
    TemporaryFolder tmp;
    const std::string folder = recordRun(tmp.path(), "summarized", 0.05);
    const RunRecord run = readRun(folder);
    const std::optional<RunSummary> summary = readCurrentRunSummary(folder);
    ASSERT_TRUE(summary.has_value());
    EXPECT_EQ(summary->name, run.name);
    EXPECT_EQ(summary->status, RunStatus::Finished);
    EXPECT_EQ(summary->trainedEpochs, 2);
    EXPECT_EQ(summary->plannedEpochs, 2);
    EXPECT_EQ(summary->parameters, analyze(tinySpec()).parameters);
    EXPECT_EQ(summary->dataKind, "synthetic");
    ASSERT_TRUE(summary->testAccuracy && summary->testLoss);
    const double first = run.epochs[0].testAccuracy;
    const double second = run.epochs[1].testAccuracy;
    EXPECT_DOUBLE_EQ(summary->testAccuracy->max, std::max(first, second));
    EXPECT_DOUBLE_EQ(summary->testAccuracy->min, std::min(first, second));
    EXPECT_DOUBLE_EQ(summary->testAccuracy->last, second);
    EXPECT_DOUBLE_EQ(summary->testLoss->last, run.epochs[1].testLoss);
    EXPECT_EQ(summary->bestEpoch, second > first ? 2 : 1);
    EXPECT_DOUBLE_EQ(summary->targetAccuracy, 0.05);
    ASSERT_TRUE(summary->reached.has_value()) << "a 5% target is reached at once";
    EXPECT_EQ(summary->reached->epoch, 1);
    EXPECT_DOUBLE_EQ(summary->elapsedSeconds, run.epochs[1].elapsedSeconds);
    EXPECT_EQ(summary->metricsBytes,
              static_cast<std::int64_t>(fs::file_size(fs::path(folder) / runfiles::kMetrics)));
}

TEST(RunSummaryTest, AStaleOrDamagedSummaryIsMadeAgainFromTheRun) {
    TemporaryFolder tmp;
    const std::string folder = recordRun(tmp.path(), "stale");
    ASSERT_TRUE(readCurrentRunSummary(folder).has_value());

    // Lines appended by another writer (a run synced from elsewhere): stale.
    const std::string epochLine = [&] {
        std::ifstream in(fs::path(folder) / runfiles::kMetrics);
        std::string line, last;
        while (std::getline(in, line))
            if (line.find("\"epoch\"") != std::string::npos &&
                line.find("test_acc") != std::string::npos)
                last = line;
        return last;
    }();
    {
        std::ofstream out(fs::path(folder) / runfiles::kMetrics, std::ios::app);
        out << epochLine << '\n';
    }
    EXPECT_FALSE(readCurrentRunSummary(folder).has_value());
    EXPECT_EQ(loadRunSummary(folder).trainedEpochs, 3) << "made from metrics.jsonl";
    ASSERT_TRUE(readCurrentRunSummary(folder).has_value()) << "and written for next time";
    EXPECT_EQ(readCurrentRunSummary(folder)->trainedEpochs, 3);

    // Renaming rewrites run.json and the summary with it.
    renameRun(folder, "renamed");
    ASSERT_TRUE(readCurrentRunSummary(folder).has_value());
    EXPECT_EQ(readCurrentRunSummary(folder)->name, "renamed");
    EXPECT_EQ(readCurrentRunSummary(folder)->trainedEpochs, 3);

    // run.json replaced after the summary (copied in, written by an older version): stale.
    fs::copy_file(fs::path(folder) / runfiles::kRunJson, tmp / "run.json.copy");
    fs::rename(tmp / "run.json.copy", fs::path(folder) / runfiles::kRunJson);
    fs::last_write_time(fs::path(folder) / runfiles::kRunJson,
                        fs::last_write_time(fs::path(folder) / kRunSummaryFile) +
                            std::chrono::seconds(1));
    EXPECT_FALSE(readCurrentRunSummary(folder).has_value());

    for (const char* damaged : {"{\"format\": ", "{}", "[1, 2]"}) {
        test::writeFile(fs::path(folder) / kRunSummaryFile, damaged);
        fs::last_write_time(fs::path(folder) / kRunSummaryFile,
                            fs::last_write_time(fs::path(folder) / runfiles::kRunJson) +
                                std::chrono::seconds(1));
        EXPECT_FALSE(readCurrentRunSummary(folder).has_value()) << damaged;
        EXPECT_EQ(loadRunSummary(folder).name, "renamed") << damaged;
    }
    EXPECT_EQ(test::errorOf([&] { loadRunSummary((tmp / "none").string()); }),
              (tmp / "none" / runfiles::kRunJson).string() + ": missing: not a run directory");
}

} // namespace
} // namespace inception
