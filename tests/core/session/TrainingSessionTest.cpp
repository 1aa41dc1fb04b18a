#include "core/session/TrainingSession.hpp"

#include "core/runs/RunDirectory.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

SessionRequest tinyRequest(const TemporaryFolder& runs, int epochs) {
    SessionRequest request;
    request.dataSpec = "synthetic:4";
    request.runsFolder = runs.path().string();
    request.name = "session test";
    request.spec = tinySpec();
    request.config.epochs = epochs;
    request.config.batchSize = 16;
    request.config.threads = 2;
    return request;
}

int foldersIn(const fs::path& folder) {
    return static_cast<int>(
        std::distance(fs::directory_iterator(folder), fs::directory_iterator{}));
}

TEST(TrainingSessionTest, ANewRunIsRecordedInItsOwnDirectory) {
    TemporaryFolder runs;
    TrainingSession session(tinyRequest(runs, 1));
    EXPECT_EQ(fs::path(session.folder()).parent_path(), runs.path());
    EXPECT_EQ(session.classNames().size(), 10u);
    TrainingControl control;
    EXPECT_EQ(session.run(control).status, RunStatus::Finished);

    const RunRecord run = readRun(session.folder());
    EXPECT_EQ(run.status, RunStatus::Finished);
    EXPECT_TRUE(run.name.ends_with("-session-test")) << run.name; // the folder's, made safe
    ASSERT_EQ(run.epochs.size(), 1u);
    EXPECT_EQ(run.spec, tinySpec());
    EXPECT_TRUE(fs::exists(runCheckpoint(session.folder(), RunCheckpoint::Last)));
    EXPECT_TRUE(fs::exists(runCheckpoint(session.folder(), RunCheckpoint::Best)));
}

TEST(TrainingSessionTest, AnUnnamedRunOfAnEditedPresetIsNamedSo) {
    TemporaryFolder runs;
    SessionRequest request = tinyRequest(runs, 1);
    request.name.clear();
    EXPECT_TRUE(TrainingSession(request).folder().ends_with("-tiny"));
    request.spec.units[0].out1x1 += 2;
    EXPECT_TRUE(TrainingSession(request).folder().ends_with("-tiny-edited"));
}

TEST(TrainingSessionTest, AnExactFolderIsMadeAndNeverReused) {
    TemporaryFolder runs;
    SessionRequest request = tinyRequest(runs, 1);
    request.runFolder = (runs / "trials" / "000-lr-0.01").string();
    EXPECT_EQ(TrainingSession(request).folder(), request.runFolder);
    EXPECT_TRUE(fs::exists(fs::path(request.runFolder) / "checkpoints"));
    EXPECT_TRUE(
        test::contains(test::errorOf([&] { TrainingSession again(request); }), "exists already"));
}

TEST(TrainingSessionTest, AResumedRunGoesOnInTheSameDirectory) {
    TemporaryFolder runs;
    std::string folder;
    {
        TrainingSession first(tinyRequest(runs, 1));
        TrainingControl control;
        first.run(control);
        folder = first.folder();
    }
    SessionRequest resume = tinyRequest(runs, 1);
    resume.resumeCheckpoint = runCheckpoint(folder, RunCheckpoint::Last);
    resume.resumeEpochs = 2;
    TrainingSession second(resume);
    EXPECT_EQ(second.folder(), folder);
    TrainingControl control;
    EXPECT_EQ(second.run(control).status, RunStatus::Finished);
    EXPECT_EQ(readRun(folder).trainedEpochs(), 2);
    EXPECT_EQ(foldersIn(runs.path()), 1);
}

TEST(TrainingSessionTest, BadInputMakesNoRunDirectory) {
    TemporaryFolder runs;
    SessionRequest request = tinyRequest(runs, 1);
    request.dataSpec = "cifar10:" + (runs / "missing").string();
    EXPECT_EQ(test::errorOf([&] { TrainingSession session(request); }),
              (runs / "missing").string() + ": no such file or folder");
    request = tinyRequest(runs, 1);
    request.spec.head.classes = 3; // the synthetic set has ten
    EXPECT_EQ(test::errorOf([&] { TrainingSession session(request); }),
              "--model: the model has 3 classes but the data has 10");
    EXPECT_EQ(foldersIn(runs.path()), 0);
}

} // namespace
} // namespace inception
