#include "core/training/Trainer.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/training/Checkpoint.hpp"
#include "tests/support/Recording.hpp"
#include "tests/support/TestSupport.hpp"

#include <ATen/autocast_mode.h>
#include <gtest/gtest.h>

#include <thread>

namespace inception {
namespace {

using test::RecordingObserver;
using test::TemporaryFolder;

std::shared_ptr<const Dataset> syntheticData(int perClass) {
    return std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = perClass}));
}

TrainingConfig quickConfig(int epochs = 2) {
    TrainingConfig c;
    c.epochs = epochs;
    c.batchSize = 32;
    c.threads = 2;
    c.logInterval = 1;
    return c;
}

struct Result {
    RunOutcome outcome;
    RecordingObserver events;
};

Result train(Trainer& trainer,
             std::function<void(const BatchProgress&, TrainingControl&)> act = nullptr) {
    Result r;
    TrainingControl control;
    if (act)
        r.events.onBatch = [&](const BatchProgress& b) { act(b, control); };
    trainer.addObserver(&r.events);
    r.outcome = trainer.run(control);
    return r;
}

TEST(TrainerTest, SameSeedDataAndThreadsGiveBitIdenticalLosses) {
    const auto data = syntheticData(10);
    Trainer a(tinySpec(), quickConfig(), data), b(tinySpec(), quickConfig(), data);
    const auto ra = train(a), rb = train(b);
    ASSERT_EQ(ra.outcome.status, RunStatus::Finished);
    ASSERT_EQ(ra.events.batches.size(), 8u); // 100 images in batches of 32, two epochs
    EXPECT_EQ(ra.events.losses(), rb.events.losses());
    EXPECT_EQ(ra.events.epochs.back().confusion, rb.events.epochs.back().confusion);

    TrainingConfig other = quickConfig();
    other.seed = 2021;
    Trainer c(tinySpec(), other, data);
    EXPECT_NE(train(c).events.losses(), ra.events.losses());
}

// bfloat16 autocast: the forward passes round to bfloat16, so the losses differ from float32's
// a little and only a little; the autocast does not outlive the run.
TEST(TrainerTest, BFloat16AutocastTrainsCloseToFloat32AndLeavesTheThreadAsItWas) {
    const auto data = syntheticData(10);
    TrainingConfig bf16 = quickConfig();
    bf16.precision = Precision::BFloat16;
    Trainer full(tinySpec(), quickConfig(), data), reduced(tinySpec(), bf16, data);
    const auto a = train(full), b = train(reduced);
    ASSERT_EQ(b.outcome.status, RunStatus::Finished) << b.outcome.message;
    const auto la = a.events.losses(), lb = b.events.losses();
    ASSERT_EQ(la.size(), lb.size());
    EXPECT_NE(la, lb);
    EXPECT_NEAR(la.front(), lb.front(), 0.05 * la.front());
    for (double loss : lb)
        EXPECT_TRUE(std::isfinite(loss));
    EXPECT_FALSE(at::autocast::is_cpu_enabled());
}

TEST(TrainerTest, ReportsEpochsPredictionsAndProgress) {
    const auto data = syntheticData(10);
    Trainer trainer(tinySpec(), quickConfig(), data);
    const auto r = train(trainer);
    ASSERT_EQ(r.events.starts.size(), 1u);
    EXPECT_EQ(r.events.starts[0].batchesPerEpoch, 4);
    EXPECT_EQ(r.events.starts[0].threads, 2);
    ASSERT_EQ(r.events.epochs.size(), 2u);
    const EpochSummary& e = r.events.epochs.back();
    EXPECT_EQ(e.epoch, 2);
    EXPECT_EQ(e.confusion.total(), data->test.size());
    EXPECT_GT(e.imagesPerSecond, 0.0);
    EXPECT_DOUBLE_EQ(e.learningRate, 1e-3);
    const auto& predictions = r.events.predictions.back();
    ASSERT_EQ(static_cast<std::int64_t>(predictions.size()), data->test.size());
    for (const SamplePrediction& p : predictions) {
        EXPECT_EQ(p.topClasses[0], p.predicted);
        EXPECT_EQ(p.trueClass, data->test.labels[p.index].item<std::int64_t>());
        EXPECT_GE(p.topProbabilities[0], p.topProbabilities[4]);
        EXPECT_LE(p.topProbabilities[0] + p.topProbabilities[1], 1.0001f);
    }
    ASSERT_EQ(r.events.ends.size(), 1u);
    EXPECT_EQ(r.events.ends[0].epochsCompleted, 2);
}

TEST(TrainerTest, LearnsTheSyntheticShapes) {
    const auto data = syntheticData(150);
    TrainingConfig c = quickConfig(10);
    c.batchSize = 50;
    c.learningRate = 1e-2;
    c.schedule = ScheduleKind::Cosine;
    Trainer trainer(tinySpec(), c, data);
    const auto r = train(trainer);
    ASSERT_EQ(r.outcome.status, RunStatus::Finished) << r.outcome.message;
    EXPECT_GT(r.events.epochs.back().testAccuracy, 0.90);
    EXPECT_LT(r.events.epochs.back().trainLoss, r.events.epochs.front().trainLoss);
}

TEST(TrainerTest, ResumingAtAnEpochEndGivesTheUninterruptedResult) {
    const auto data = syntheticData(10);
    TemporaryFolder tmp;
    Trainer full(tinySpec(), quickConfig(3), data);
    const auto whole = train(full);

    Trainer first(tinySpec(), quickConfig(2), data);
    first.setCheckpointDirectory(tmp.path().string());
    const auto part = train(first);
    ASSERT_EQ(part.outcome.checkpoint, (tmp / "last.ckpt").string());
    auto resumed = Trainer::resume(part.outcome.checkpoint, data, 3);
    const auto rest = train(*resumed);
    ASSERT_EQ(rest.outcome.status, RunStatus::Finished);
    EXPECT_EQ(rest.events.starts[0].startEpoch, 3);
    ASSERT_EQ(rest.events.epochs.size(), 1u);
    const auto wholeLosses = whole.events.losses();
    EXPECT_EQ(rest.events.losses(),
              std::vector<double>(wholeLosses.begin() + 8, wholeLosses.end()));
    EXPECT_EQ(rest.events.epochs[0].confusion, whole.events.epochs[2].confusion);
    EXPECT_EQ(resumed->history().size(), 3u);
}

TEST(TrainerTest, StopMidEpochSavesACheckpointThatResumesExactly) {
    const auto data = syntheticData(10);
    TemporaryFolder tmp;
    TrainingConfig c = quickConfig(3);
    c.schedule = ScheduleKind::Cosine; // the curve must continue where it stopped
    Trainer full(tinySpec(), c, data);
    const auto whole = train(full);

    Trainer stopped(tinySpec(), c, data);
    stopped.setCheckpointDirectory(tmp.path().string());
    const auto part = train(stopped, [](const BatchProgress& b, TrainingControl& control) {
        if (b.epoch == 2 && b.batch == 2)
            control.requestCancel();
    });
    ASSERT_EQ(part.outcome.status, RunStatus::Stopped);
    EXPECT_EQ(part.events.batches.size(), 6u);
    EXPECT_EQ(part.outcome.checkpoint, (tmp / "last.ckpt").string());

    auto resumed = Trainer::resume(part.outcome.checkpoint, data);
    const auto rest = train(*resumed);
    ASSERT_EQ(rest.outcome.status, RunStatus::Finished);
    EXPECT_EQ(rest.events.starts[0].startEpoch, 2);
    EXPECT_EQ(rest.events.starts[0].startBatch, 2);
    const auto wholeLosses = whole.events.losses();
    EXPECT_EQ(rest.events.losses(),
              std::vector<double>(wholeLosses.begin() + 6, wholeLosses.end()));
    EXPECT_EQ(rest.events.epochs.back().confusion, whole.events.epochs.back().confusion);
    EXPECT_DOUBLE_EQ(rest.events.epochs[0].trainLoss, whole.events.epochs[1].trainLoss);
}

TEST(TrainerTest, PauseHoldsBetweenBatchesAndResumeContinues) {
    const auto data = syntheticData(10);
    Trainer reference(tinySpec(), quickConfig(1), data);
    const auto plain = train(reference);

    Trainer paused(tinySpec(), quickConfig(1), data);
    std::thread resumer;
    const auto r = train(paused, [&](const BatchProgress& b, TrainingControl& control) {
        if (b.batch == 2) {
            control.requestPause();
            resumer = std::thread([&control] {
                // The trainer says when it holds: resume only then, so the pause is real.
                while (!control.isHolding())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                control.requestResume();
            });
        }
    });
    resumer.join();
    EXPECT_EQ(r.outcome.status, RunStatus::Finished);
    EXPECT_EQ(r.events.losses(), plain.events.losses());
}

TEST(TrainerTest, ACheckpointAskedForWhilePausedIsWrittenAndResumesExactly) {
    const auto data = syntheticData(10);
    TemporaryFolder tmp;
    test::writeFile(tmp / "file", "a file, not a folder");
    Trainer reference(tinySpec(), quickConfig(), data);
    const auto plain = train(reference);

    Trainer trainer(tinySpec(), quickConfig(), data);
    const auto snapshot = tmp / "snapshot.ckpt";
    std::thread resumer;
    const auto r = train(trainer, [&](const BatchProgress& b, TrainingControl& control) {
        if (b.epoch == 1 && b.batch == 1)
            control.requestCheckpoint((tmp / "file" / "x.ckpt").string()); // cannot be written
        if (b.epoch == 1 && b.batch == 2) {
            control.requestPause();
            control.requestCheckpoint(snapshot.string());
            resumer = std::thread([&control, snapshot] {
                while (!std::filesystem::exists(snapshot)) // written while paused
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                control.requestResume();
            });
        }
    });
    resumer.join();
    ASSERT_EQ(r.outcome.status, RunStatus::Finished) << "a failed copy does not end the run";
    ASSERT_EQ(r.events.checkpointFailures.size(), 1u);
    EXPECT_NE(r.events.checkpointFailures[0].find("x.ckpt"), std::string::npos);
    EXPECT_EQ(r.events.checkpoints, std::vector<std::string>{snapshot.string()});
    EXPECT_EQ(r.events.losses(), plain.events.losses());

    auto resumed = Trainer::resume(snapshot.string(), data);
    const auto rest = train(*resumed);
    const auto all = plain.events.losses();
    EXPECT_EQ(rest.events.losses(), std::vector<double>(all.begin() + 2, all.end()));
}

TEST(TrainerTest, DivergenceStopsTheRunAndSaysWhere) {
    const auto data = syntheticData(10);
    TrainingConfig c = quickConfig(3);
    c.optimizer = OptimizerKind::Sgd;
    c.learningRate = 10.0;
    c.momentum = 0.99;
    Trainer trainer(seedSpec(), c, data);
    const auto r = train(trainer);
    EXPECT_EQ(r.outcome.status, RunStatus::Failed);
    EXPECT_EQ(r.outcome.cause, FailureCause::Diverged);
    EXPECT_NE(r.outcome.message.find("at epoch"), std::string::npos) << r.outcome.message;
    EXPECT_NE(r.outcome.message.find(", batch"), std::string::npos);
}

// What ends a run says why, so that front ends answer each cause in its own way (the CLI's
// exit codes): bad input, or a failure that is not the input's fault.
TEST(TrainerTest, AFailureSaysItsCause) {
    const auto data = syntheticData(4);
    Trainer badInput(tinySpec(), quickConfig(1), data);
    auto r = train(badInput, [](const BatchProgress&, TrainingControl&) {
        throw InputError("predictions/epoch-001.bin", "cannot be written");
    });
    EXPECT_EQ(r.outcome.status, RunStatus::Failed);
    EXPECT_EQ(r.outcome.cause, FailureCause::BadInput);
    EXPECT_EQ(r.outcome.message, "predictions/epoch-001.bin: cannot be written");

    Trainer broken(tinySpec(), quickConfig(1), data);
    r = train(broken, [](const BatchProgress&, TrainingControl&) {
        throw std::runtime_error("--check-replicas: the ranks' weights differ after step 1");
    });
    EXPECT_EQ(r.outcome.status, RunStatus::Failed);
    EXPECT_EQ(r.outcome.cause, FailureCause::Internal);
}

TEST(TrainerTest, SpecThatDoesNotFitTheDataIsRefused) {
    const auto data = syntheticData(2);
    ModelSpec spec = tinySpec();
    spec.head.classes = 7;
    try {
        Trainer trainer(spec, quickConfig(), data);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.oneLine(), "--model: the model has 7 classes but the data has 10");
    }
    spec = tinySpec();
    spec.input.height = 64;
    EXPECT_THROW(Trainer(spec, quickConfig(), data), InputError);
    TrainingConfig cuda = quickConfig();
    cuda.device = "cuda";
    if (!torch::cuda::is_available()) {
        EXPECT_THROW(Trainer(tinySpec(), cuda, data), InputError);
    }
}

TEST(TrainerTest, ResumeOnOtherDataIsRefused) {
    TemporaryFolder tmp;
    Trainer trainer(tinySpec(), quickConfig(1), syntheticData(4));
    trainer.setCheckpointDirectory(tmp.path().string());
    const auto r = train(trainer);
    try {
        Trainer::resume(r.outcome.checkpoint, syntheticData(5));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "--resume");
        EXPECT_NE(std::string(e.what()).find("was trained on synthetic data"), std::string::npos);
    }
}

} // namespace
} // namespace inception
