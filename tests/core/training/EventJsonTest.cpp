#include "core/training/EventJson.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(EventJsonTest, AnEpochReadsBackWithItsConfusionMatrix) {
    EpochSummary e;
    e.epoch = 3;
    e.epochs = 30;
    e.trainLoss = 1.25;
    e.trainAccuracy = 0.5;
    e.testLoss = 1.5;
    e.testAccuracy = 0.625;
    e.learningRate = 1e-3;
    e.seconds = 12.5;
    e.imagesPerSecond = 400;
    e.confusion = ConfusionMatrix(3);
    e.confusion.add(0, 0, 5);
    e.confusion.add(1, 2, 2);
    e.confusion.add(2, 2, 1);
    const auto json = toJsonValue(e);
    EXPECT_EQ(json.at("type"), "epoch");
    const EpochSummary back = epochSummaryFromJson(json);
    EXPECT_EQ(back.epoch, 3);
    EXPECT_EQ(back.epochs, 30);
    EXPECT_DOUBLE_EQ(back.trainLoss, 1.25);
    EXPECT_DOUBLE_EQ(back.testAccuracy, 0.625);
    EXPECT_DOUBLE_EQ(back.learningRate, 1e-3);
    EXPECT_DOUBLE_EQ(back.imagesPerSecond, 400);
    EXPECT_EQ(back.confusion.classes(), 3);
    EXPECT_EQ(back.confusion.count(1, 2), 2);
    EXPECT_EQ(back.confusion.total(), 8);
}

TEST(EventJsonTest, ABatchReadsBack) {
    const BatchProgress b{2, 30, 50, 196, 1.9571, 1e-3, 850.0};
    const auto json = toJsonValue(b);
    EXPECT_EQ(json.at("type"), "batch");
    const BatchProgress back = batchProgressFromJson(json);
    EXPECT_EQ(back.epoch, 2);
    EXPECT_EQ(back.batch, 50);
    EXPECT_EQ(back.batches, 196);
    EXPECT_DOUBLE_EQ(back.loss, 1.9571);
    EXPECT_DOUBLE_EQ(back.imagesPerSecond, 850.0);
}

TEST(EventJsonTest, ADatasetIdentityReadsBack) {
    DatasetIdentity d{"cifar10", "/data/cifar-10-batches-bin", 50000, 10000, "0a1b2c3d", 32, 32, 3};
    EXPECT_EQ(datasetIdentityFromJson(toJsonValue(d)), d);
}

TEST(EventJsonTest, RunStatusesReadBackAndAnUnknownOneIsAnError) {
    for (RunStatus status :
         {RunStatus::Running, RunStatus::Finished, RunStatus::Stopped, RunStatus::Failed})
        EXPECT_EQ(parseRunStatus(toString(status), "run.json"), status);
    EXPECT_EQ(
        test::errorOf([] { parseRunStatus("paused", "/runs/a/run.json"); }),
        "/runs/a/run.json: unknown status 'paused' (running, finished, stopped, failed, pruned)");
}

} // namespace
} // namespace inception
