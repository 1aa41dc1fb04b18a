#include "core/runs/RunDirectory.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunRecorder.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

struct RecordedRun {
    std::string folder;
    RunOutcome outcome;
};

RecordedRun recordRun(const TemporaryFolder& tmp, int epochs, int cancelAtBatch = 0) {
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    TrainingConfig c;
    c.epochs = epochs;
    c.batchSize = 16;
    c.threads = 2;
    c.logInterval = 2;
    Trainer trainer(tinySpec(), c, data);
    RunRecorder recorder(createRunDirectory(tmp.path().string(), "tiny test"));
    trainer.addObserver(&recorder);
    trainer.setCheckpointDirectory(recorder.checkpointFolder());
    TrainingControl control;
    struct Canceller : TrainingObserver {
        TrainingControl* control;
        int at;
        int seen = 0;
        void batchFinished(const BatchProgress&) override {
            if (++seen == at)
                control->requestCancel();
        }
    } canceller;
    canceller.control = &control;
    canceller.at = cancelAtBatch;
    trainer.addObserver(&canceller);
    return {recorder.folder(), trainer.run(control)};
}

TEST(RunDirectoryTest, FolderNameHasTimeAndSafeName) {
    TemporaryFolder tmp;
    const fs::path a = createRunDirectory(tmp.path().string(), "my run/1");
    const fs::path b = createRunDirectory(tmp.path().string(), "my run/1");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.filename().string().substr(15), "-my-run-1");
    EXPECT_TRUE(fs::is_directory(a / "checkpoints"));
}

// Two writers, one folder, the same second (the CLI and the workbench, or several CLIs): each
// gets a run directory of its own, never one another's.
TEST(RunDirectoryTest, WritersStartingTogetherGetDistinctFolders) {
    TemporaryFolder tmp;
    constexpr int kWriters = 8;
    std::vector<std::string> folders(kWriters);
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i)
        writers.emplace_back(
            [&, i] { folders[i] = createRunDirectory(tmp.path().string(), "same name"); });
    for (std::thread& writer : writers)
        writer.join();
    std::sort(folders.begin(), folders.end());
    EXPECT_EQ(std::unique(folders.begin(), folders.end()), folders.end());
    for (const std::string& folder : folders)
        EXPECT_TRUE(fs::is_directory(fs::path(folder) / "checkpoints")) << folder;
}

TEST(RunDirectoryTest, AFinishedRunReadsBack) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 2);
    const RunRecord r = readRun(run.folder);
    EXPECT_EQ(r.status, RunStatus::Finished);
    EXPECT_EQ(r.spec, tinySpec());
    EXPECT_EQ(r.config.epochs, 2);
    EXPECT_EQ(r.dataset.kind, "synthetic");
    ASSERT_EQ(r.epochs.size(), 2u);
    EXPECT_EQ(r.batches.size(), 6u); // 40 images in batches of 16, two epochs
    EXPECT_EQ(r.skippedLines, 0);
    EXPECT_EQ(r.epochs[1].confusion.total(), 100);
    EXPECT_FALSE(r.finished.empty());
    const auto predictions =
        readPredictions((fs::path(run.folder) / "predictions/epoch-002.bin").string());
    EXPECT_EQ(predictions.size(), 100u);
    ASSERT_EQ(predictions[0].probabilities.size(), 10u) << "every class's probability is kept";
    EXPECT_NEAR(std::accumulate(predictions[0].probabilities.begin(),
                                predictions[0].probabilities.end(), 0.0),
                1.0, 1e-5);
    EXPECT_FLOAT_EQ(
        predictions[0].probabilities[static_cast<std::size_t>(predictions[0].topClasses[0])],
        predictions[0].topProbabilities[0]);
    EXPECT_EQ(test::readFile(fs::path(run.folder) / "predictions/epoch-002.bin").substr(0, 8),
              "IWPRED02");
    EXPECT_TRUE(fs::exists(fs::path(run.folder) / "checkpoints/last.ckpt"));
    const std::string log = test::readFile(fs::path(run.folder) / "log.txt");
    EXPECT_NE(log.find("Epoch [ 2 /2 ]  Batch [ 2 / 3 ]  Loss: "), std::string::npos) << log;
    EXPECT_NE(log.find("Epoch [ 2 /2 ]  Batch [ 3 / 3 ]  Loss: "), std::string::npos) << log;
    EXPECT_EQ(log.find("Batch [ 1 / 3 ]"), std::string::npos) << log;
    EXPECT_NE(log.find("Confusion matrix, rows: true class"), std::string::npos);
}

TEST(RunDirectoryTest, ALastLineCutShortIsSkipped) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 1);
    const fs::path metrics = fs::path(run.folder) / "metrics.jsonl";
    std::string text = test::readFile(metrics);
    text += R"({"type":"batch","epoch":2,"bat)";
    test::writeFile(metrics, text);
    const RunRecord r = readRun(run.folder);
    EXPECT_EQ(r.skippedLines, 1);
    EXPECT_EQ(r.epochs.size(), 1u);
    EXPECT_EQ(r.batches.size(), 3u);
}

TEST(RunDirectoryTest, AStoppedRunSaysSoAndResumesIntoTheSameFolder) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 2, 4);
    EXPECT_EQ(run.outcome.status, RunStatus::Stopped);
    RunRecord r = readRun(run.folder);
    EXPECT_EQ(r.status, RunStatus::Stopped);
    EXPECT_EQ(r.batches.size(), 4u);

    const std::string checkpoint = (fs::path(run.folder) / "checkpoints/last.ckpt").string();
    EXPECT_EQ(runDirectoryOfCheckpoint(checkpoint), fs::absolute(run.folder).string());
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    auto trainer = Trainer::resume(checkpoint, data);
    RunRecorder recorder(run.folder);
    trainer->addObserver(&recorder);
    TrainingControl control;
    EXPECT_EQ(trainer->run(control).status, RunStatus::Finished);
    r = readRun(run.folder);
    EXPECT_EQ(r.status, RunStatus::Finished);
    EXPECT_EQ(r.epochs.size(), 2u);
    EXPECT_EQ(r.batches.size(), 6u);
    EXPECT_EQ(r.batches.back().epoch, 2);
}

TEST(RunDirectoryTest, AKilledRunStillReadsAsRunning) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 1);
    auto info = nlohmann::json::parse(test::readFile(fs::path(run.folder) / "run.json"));
    info["status"] = "running"; // as left by a process killed mid-run
    test::writeFile(fs::path(run.folder) / "run.json", info.dump());
    EXPECT_EQ(readRun(run.folder).status, RunStatus::Running);
}

TEST(RunDirectoryTest, MissingOrDamagedRunJsonIsNamed) {
    TemporaryFolder tmp;
    EXPECT_THROW(readRun(tmp.path().string()), InputError);
    test::writeFile(tmp / "run.json", "{\"status\": ");
    try {
        readRun(tmp.path().string());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(e.oneLine().find("run.json: damaged"), std::string::npos);
    }
}

TEST(RunDirectoryTest, APrunedRunSaysSoAndWhyAndKeepsEverythingElse) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 1);
    const RunRecord before = readRun(run.folder);
    markRunPruned(run.folder, "pruned at epoch 1: not among the best");
    const RunRecord after = readRun(run.folder);
    EXPECT_EQ(after.status, RunStatus::Pruned);
    EXPECT_EQ(after.message, "pruned at epoch 1: not among the best");
    EXPECT_EQ(after.epochs.size(), before.epochs.size());
    EXPECT_EQ(after.name, before.name);
    EXPECT_TRUE(test::contains(test::errorOf([&] { markRunPruned((tmp / "none").string(), "x"); }),
                               "missing: not a run directory"));
}

TEST(RunDirectoryTest, AnUnknownStatusIsAnErrorNotAFailedRun) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 1);
    const fs::path runJson = fs::path(run.folder) / "run.json";
    auto info = nlohmann::json::parse(test::readFile(runJson));
    info["status"] = "paused"; // written by a newer version, or by hand
    test::writeFile(runJson, info.dump());
    EXPECT_EQ(test::errorOf([&] { readRun(run.folder); }),
              runJson.string() +
                  ": unknown status 'paused' (running, finished, stopped, failed, pruned)");
}

TEST(RunDirectoryTest, CheckpointAndPredictionPathsOfARun) {
    TemporaryFolder tmp;
    const auto run = recordRun(tmp, 1);
    const std::string last = runCheckpoint(run.folder, RunCheckpoint::Last);
    EXPECT_EQ(last, (fs::path(run.folder) / "checkpoints" / "last.ckpt").string());
    EXPECT_TRUE(fs::exists(last));
    EXPECT_TRUE(fs::exists(runCheckpoint(run.folder, RunCheckpoint::Best)));
    EXPECT_TRUE(fs::exists(runPredictions(run.folder, 1)));
    EXPECT_EQ(fs::path(runDirectoryOfCheckpoint(last)), fs::path(run.folder));
    // A checkpoint outside a run's checkpoints folder belongs to no run.
    fs::copy_file(last, tmp / "loose.ckpt");
    EXPECT_EQ(runDirectoryOfCheckpoint((tmp / "loose.ckpt").string()), "");
}

TEST(RunDirectoryTest, AFollowerReadsOnlyWhatWasAppended) {
    TemporaryFolder tmp;
    const RecordedRun full = recordRun(tmp, 2);
    const fs::path metrics = fs::path(full.folder) / runfiles::kMetrics;
    const std::string all = test::readFile(metrics);
    const RunRecord finished = readRun(full.folder);

    // The run as it looked while its first epoch's lines were being written: the last line
    // is half there.
    const std::size_t firstEpochEnd = all.find("\"type\":\"epoch\"");
    ASSERT_NE(firstEpochEnd, std::string::npos);
    const std::size_t cut = all.find('\n', firstEpochEnd) + 1;
    test::writeFile(metrics, all.substr(0, cut + 10));
    RunFollower follower(full.folder);
    EXPECT_TRUE(follower.poll());
    EXPECT_EQ(follower.record().epochs.size(), 1u);
    EXPECT_EQ(follower.record().skippedLines, 0); // the half line waits for its end
    EXPECT_FALSE(follower.poll());                // nothing new

    test::writeFile(metrics, all); // the rest arrives
    EXPECT_TRUE(follower.poll());
    EXPECT_EQ(follower.record().epochs.size(), finished.epochs.size());
    EXPECT_EQ(follower.record().batches.size(), finished.batches.size());
    EXPECT_EQ(follower.record().epochs.back().testAccuracy, finished.epochs.back().testAccuracy);
    EXPECT_EQ(follower.record().skippedLines, 0);
}

TEST(RunDirectoryTest, AFollowerSeesRunJsonReplaced) {
    TemporaryFolder tmp;
    const RecordedRun run = recordRun(tmp, 1);
    RunFollower follower(run.folder);
    follower.poll();
    EXPECT_EQ(follower.record().status, RunStatus::Finished);
    renameRun(run.folder, "renamed run");
    EXPECT_TRUE(follower.poll());
    EXPECT_EQ(follower.record().name, "renamed run");
    EXPECT_EQ(readRun(run.folder).name, "renamed run");
    EXPECT_EQ(readRun(run.folder).status, RunStatus::Finished); // the rest of run.json kept
}

TEST(RunDirectoryTest, RenameNamesWhatIsWrong) {
    TemporaryFolder tmp;
    const RecordedRun run = recordRun(tmp, 1);
    EXPECT_EQ(test::errorOf([&] { renameRun(run.folder, ""); }), "name: must not be empty");
    const std::string missing = (tmp / "nothing").string();
    EXPECT_EQ(test::errorOf([&] { renameRun(missing, "x"); }),
              missing + "/run.json: missing: not a run directory");
}

TEST(RunDirectoryTest, PredictionsRoundTripAndTruncationIsNamed) {
    TemporaryFolder tmp;
    SamplePrediction p;
    p.index = 7;
    p.trueClass = 3;
    p.predicted = 5;
    p.topClasses = {5, 3, 1, 0, 2};
    p.topProbabilities = {0.5f, 0.3f, 0.1f, 0.05f, 0.05f};
    const auto path = (tmp / "p.bin").string();
    writePredictions(path, {p, p}, 10);
    const auto back = readPredictions(path);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[1].index, 7);
    EXPECT_EQ(back[1].topClasses, p.topClasses);
    EXPECT_EQ(back[1].topProbabilities, p.topProbabilities);
    const std::string bytes = test::readFile(path);
    EXPECT_EQ(bytes.substr(0, 8), "IWPRED01")
        << "version 1 when classes' probabilities are missing";
    EXPECT_TRUE(back[1].probabilities.empty());
    test::writeFile(path, bytes.substr(0, bytes.size() - 3));
    EXPECT_THROW(readPredictions(path), InputError);

    // Version 2 keeps every class's probability.
    p.probabilities = {0.05f, 0.1f, 0.f, 0.3f, 0.f, 0.5f, 0.f, 0.f, 0.05f, 0.f};
    writePredictions(path, {p}, 10);
    const auto every = readPredictions(path);
    ASSERT_EQ(every.size(), 1u);
    EXPECT_EQ(every[0].probabilities, p.probabilities);
    EXPECT_EQ(every[0].topClasses, p.topClasses);
    const std::string v2 = test::readFile(path);
    EXPECT_EQ(v2.size(), 20u + 38 + 10 * 4) << "the header, one record and its ten floats";
    test::writeFile(path, v2.substr(0, v2.size() - 4));
    EXPECT_EQ(test::errorOf([&] { readPredictions(path); }),
              path + ": is truncated or of another version");
}

} // namespace
} // namespace inception
