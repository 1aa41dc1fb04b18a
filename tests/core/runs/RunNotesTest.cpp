#include "core/runs/RunNotes.hpp"

#include "core/data/readers/SyntheticDataset.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunRecorder.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

TEST(RunNotesTest, TagsAndANoteRoundTripInAFileOfTheirOwn) {
    TemporaryFolder tmp;
    const std::string run = tmp.path().string();
    EXPECT_TRUE(readRunNotes(run).empty()) << "no file: no notes";
    EXPECT_EQ(tagRun(run, {"baseline", " fast ", "baseline"}),
              (std::vector<std::string>{"baseline", "fast"}));
    noteRun(run, "first try with the fast recipe\nsecond line");
    EXPECT_EQ(tagRun(run, {"fast"}, true), (std::vector<std::string>{"baseline"}));
    const RunNotes notes = readRunNotes(run);
    EXPECT_EQ(notes.note, "first try with the fast recipe\nsecond line");
    EXPECT_TRUE(notes.hasTag("baseline"));
    EXPECT_FALSE(notes.hasTag("fast"));
    EXPECT_TRUE(fs::exists(tmp / kRunNotesFile));
    EXPECT_FALSE(fs::exists(tmp / "run.json")) << "run.json is the trainer's";
}

TEST(RunNotesTest, BadTagsAndDamagedFilesAreNamed) {
    TemporaryFolder tmp;
    const std::string run = tmp.path().string();
    EXPECT_EQ(test::errorOf([&] { tagRun(run, {"a,b"}); }),
              "tag: 'a,b' holds a comma or a control character");
    EXPECT_EQ(test::errorOf([&] { tagRun(run, {"  "}); }), "tag: is empty");
    EXPECT_EQ(test::errorOf([&] { tagRun((tmp / "missing").string(), {"x"}); }),
              (tmp / "missing").string() + ": is not a run or experiment folder");
    test::writeFile(tmp / kRunNotesFile, "{\"tags\": \"x\"}");
    EXPECT_EQ(test::errorOf([&] { readRunNotes(run); }),
              (tmp / kRunNotesFile).string() + ": \"tags\" is not a list");
    test::writeFile(tmp / kRunNotesFile, "{\"note\": ");
    EXPECT_TRUE(test::contains(test::errorOf([&] { readRunNotes(run); }), "is not valid JSON"));
    EXPECT_TRUE(test::contains(test::errorOf([&] { noteRun(run, "x"); }), "is not valid JSON"))
        << "a damaged file is not overwritten";
}

// Tags and a note written at every batch of a run that then finishes: the trainer's
// rewrites of run.json never drop them.
TEST(RunNotesTest, SurviveARunFinishingWhileBeingEdited) {
    TemporaryFolder tmp;
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    TrainingConfig config;
    config.epochs = 2;
    config.batchSize = 16;
    config.threads = 2;
    Trainer trainer(tinySpec(), config, data);
    RunRecorder recorder(createRunDirectory(tmp.path().string(), "noted"));
    trainer.addObserver(&recorder);
    struct Editor : TrainingObserver {
        std::string folder;
        int batches = 0;
        void batchFinished(const BatchProgress&) override {
            tagRun(folder, {"batch-" + std::to_string(++batches)});
            noteRun(folder, "edited at batch " + std::to_string(batches));
        }
    } editor;
    editor.folder = recorder.folder();
    trainer.addObserver(&editor);
    TrainingControl control;
    ASSERT_EQ(trainer.run(control).status, RunStatus::Finished);
    const RunNotes notes = readRunNotes(recorder.folder());
    EXPECT_EQ(notes.tags.size(), static_cast<std::size_t>(editor.batches));
    EXPECT_EQ(notes.note, "edited at batch " + std::to_string(editor.batches));
    const RunRecord run = readRun(recorder.folder());
    EXPECT_EQ(run.status, RunStatus::Finished);
    EXPECT_EQ(run.epochs.size(), 2u);
}

} // namespace
} // namespace inception
