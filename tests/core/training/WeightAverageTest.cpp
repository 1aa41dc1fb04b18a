// The moving average of the weights (--ema) and the fast recipe's exact resume, through the
// trainer and its checkpoints.
#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/Recipe.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/Recording.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

using test::RecordingObserver;
using test::TemporaryFolder;

ModelSpec fastTinySpec() {
    return withStructure(tinySpec(), recipeNamed("fast", "test").structure);
}

// The fast recipe at test size: float32 (the same arithmetic on every CI machine).
TrainingConfig fastConfig(int epochs, int batchSize) {
    TrainingConfig c = recipeNamed("fast", "test").config;
    c.epochs = epochs;
    c.batchSize = batchSize;
    c.threads = 2;
    c.precision = Precision::Float32;
    c.logInterval = 1;
    c.warmupEpochs = 1.0;
    return c;
}

struct Weights {
    GoogLeNet trained{nullptr};
    GoogLeNet averaged{nullptr};
};

Weights weightsOf(const std::string& checkpoint) {
    CheckpointReader reader(checkpoint);
    Weights w{GoogLeNet(reader.meta().spec), GoogLeNet(reader.meta().spec)};
    reader.loadTrainingWeights(w.trained);
    reader.loadAveragedWeights(w.averaged);
    return w;
}

std::vector<torch::Tensor> tensorsOf(GoogLeNet& model) {
    auto tensors = model->parameters();
    for (const auto& buffer : model->buffers())
        tensors.push_back(buffer);
    return tensors;
}

RunOutcome run(Trainer& trainer, RecordingObserver& events,
               std::function<void(const BatchProgress&, TrainingControl&)> act = nullptr) {
    TrainingControl control;
    if (act)
        events.onBatch = [&](const BatchProgress& b) { act(b, control); };
    trainer.addObserver(&events);
    return trainer.run(control);
}

TEST(WeightAverageTest, FollowsTheFormulaStepByStepAndAcrossAResume) {
    const auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    TemporaryFolder tmp;
    TrainingConfig c = fastConfig(1, 40); // one step an epoch
    c.emaDecay = 0.75;
    Trainer trainer(fastTinySpec(), c, data);
    trainer.setCheckpointDirectory(tmp.path().string());
    trainer.saveCheckpoint((tmp / "start.ckpt").string());
    RecordingObserver first;
    ASSERT_EQ(run(trainer, first).status, RunStatus::Finished);
    const std::string afterOne = (tmp / "one.ckpt").string();
    std::filesystem::copy_file(tmp / "last.ckpt", afterOne);

    auto resumed = Trainer::resume(afterOne, data, 2);
    resumed->setCheckpointDirectory(tmp.path().string());
    RecordingObserver second;
    ASSERT_EQ(run(*resumed, second).status, RunStatus::Finished);

    Weights start = weightsOf((tmp / "start.ckpt").string());
    Weights one = weightsOf(afterOne);
    Weights two = weightsOf((tmp / "last.ckpt").string());
    const auto w0 = tensorsOf(start.trained), e0 = tensorsOf(start.averaged);
    const auto w1 = tensorsOf(one.trained), e1 = tensorsOf(one.averaged);
    const auto w2 = tensorsOf(two.trained), e2 = tensorsOf(two.averaged);
    ASSERT_EQ(w0.size(), e2.size());
    // The decay of step 0 and of step 1 (the resumed run's first).
    const double d0 = averageDecayAt(0.75, 0), d1 = averageDecayAt(0.75, 1);
    int floating = 0, moved = 0;
    for (std::size_t i = 0; i < w0.size(); ++i) {
        EXPECT_TRUE(torch::equal(e0[i], w0[i])) << i; // the average starts at the weights
        if (!w0[i].is_floating_point()) {             // batch norm's batch count is copied
            EXPECT_TRUE(torch::equal(e2[i], w2[i])) << i;
            continue;
        }
        ++floating;
        moved += torch::equal(w1[i], w0[i]) ? 0 : 1; // not a bias before batch norm
        EXPECT_TRUE(torch::allclose(e1[i], d0 * e0[i] + (1 - d0) * w1[i], 1e-5, 1e-6)) << i;
        EXPECT_TRUE(torch::allclose(e2[i], d1 * e1[i] + (1 - d1) * w2[i], 1e-5, 1e-6)) << i;
    }
    EXPECT_GT(floating, 20);
    EXPECT_GT(moved, floating / 2);
    EXPECT_TRUE(CheckpointReader((tmp / "last.ckpt").string()).hasAveragedWeights());
}

TEST(WeightAverageTest, TheDecayGrowsTowardsTheSettingOverTheFirstSteps) {
    EXPECT_DOUBLE_EQ(averageDecayAt(0.99, 0), 0.1);
    EXPECT_DOUBLE_EQ(averageDecayAt(0.99, 10), 11.0 / 20.0);
    EXPECT_DOUBLE_EQ(averageDecayAt(0.99, 100000), 0.99);
    EXPECT_DOUBLE_EQ(averageDecayAt(0.05, 0), 0.05);
}

TEST(WeightAverageTest, WithoutAnAverageTheCheckpointKeepsOnlyTheWeights) {
    const auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    TemporaryFolder tmp;
    TrainingConfig c = fastConfig(1, 40);
    c.emaDecay = 0.0;
    Trainer trainer(fastTinySpec(), c, data);
    trainer.setCheckpointDirectory(tmp.path().string());
    RecordingObserver events;
    ASSERT_EQ(run(trainer, events).status, RunStatus::Finished);
    CheckpointReader reader((tmp / "last.ckpt").string());
    EXPECT_FALSE(reader.hasAveragedWeights());
    GoogLeNet model(reader.meta().spec);
    EXPECT_THROW(reader.loadAveragedWeights(model), InputError);
}

TEST(FastRecipeResumeTest, AStoppedFastRunResumesBitIdenticalAverageIncluded) {
    const auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 10}));
    const TrainingConfig c = fastConfig(3, 32);
    TemporaryFolder wholeFolder, partFolder;
    Trainer whole(fastTinySpec(), c, data);
    whole.setCheckpointDirectory(wholeFolder.path().string());
    RecordingObserver wholeEvents;
    ASSERT_EQ(run(whole, wholeEvents).status, RunStatus::Finished);

    Trainer stopped(fastTinySpec(), c, data);
    stopped.setCheckpointDirectory(partFolder.path().string());
    RecordingObserver partEvents;
    const RunOutcome part =
        run(stopped, partEvents, [](const BatchProgress& b, TrainingControl& t) {
            if (b.epoch == 2 && b.batch == 2)
                t.requestCancel();
        });
    ASSERT_EQ(part.status, RunStatus::Stopped);
    auto resumed = Trainer::resume(part.checkpoint, data);
    resumed->setCheckpointDirectory(partFolder.path().string());
    RecordingObserver rest;
    ASSERT_EQ(run(*resumed, rest).status, RunStatus::Finished);

    const auto losses = wholeEvents.losses();
    EXPECT_EQ(rest.losses(), std::vector<double>(losses.begin() + 6, losses.end()));
    // The evaluation reads the average (with flip TTA): equal to the last bit.
    EXPECT_EQ(rest.epochs.back().testLoss, wholeEvents.epochs.back().testLoss);
    EXPECT_EQ(rest.epochs.back().confusion, wholeEvents.epochs.back().confusion);
    Weights a = weightsOf((wholeFolder / "last.ckpt").string());
    Weights b = weightsOf((partFolder / "last.ckpt").string());
    const auto wa = tensorsOf(a.trained), wb = tensorsOf(b.trained);
    const auto ea = tensorsOf(a.averaged), eb = tensorsOf(b.averaged);
    for (std::size_t i = 0; i < wa.size(); ++i) {
        EXPECT_TRUE(torch::equal(wa[i], wb[i])) << i;
        EXPECT_TRUE(torch::equal(ea[i], eb[i])) << i;
    }
}

} // namespace
} // namespace inception
