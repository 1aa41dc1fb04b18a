// PyTorch weights brought in as a run: evaluated, browsable and resumable.
#include "core/session/WeightsImport.hpp"

#include "core/data/readers/SyntheticDataset.hpp"
#include "core/interop/ModelExport.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;
using test::TemporaryFolder;

// Weights "from elsewhere": the state_dict `w.pt` of a trained tiny model, to be imported.
WeightsImportRequest tinyWeightsToImport(const TemporaryFolder& tmp, int epochs) {
    const auto checkpoint = test::trainedCheckpoint(tmp.path(), tinySpec());
    exportCheckpoint(checkpoint.string(), ExportFormat::PyTorch, (tmp / "w.pt").string());
    WeightsImportRequest request;
    request.stateDict = (tmp / "w.pt").string();
    request.spec = tinySpec();
    request.config.epochs = epochs;
    request.config.batchSize = 16;
    request.config.threads = 2;
    return request;
}

TEST(WeightsImportTest, ImportedWeightsBecomeARunWithPredictionsThatResumes) {
    const TemporaryFolder tmp;
    const WeightsImportRequest request = tinyWeightsToImport(tmp, 2);
    const auto checkpoint = tmp / "last.ckpt";
    const ImportedRun run =
        importWeightsAsRun(request, "synthetic:4", (tmp / "runs").string(), "brought-in");

    const RunRecord record = readRun(run.folder);
    EXPECT_EQ(record.status, RunStatus::Finished);
    ASSERT_EQ(record.epochs.size(), 1u);
    EXPECT_EQ(record.epochs[0].epoch, 0);
    EXPECT_TRUE(record.startsFromImportedWeights());
    EXPECT_EQ(record.trainedEpochs(), 0);
    EXPECT_TRUE(std::isnan(record.epochs[0].trainLoss));
    EXPECT_DOUBLE_EQ(record.epochs[0].testAccuracy, run.testAccuracy);
    EXPECT_EQ(record.epochs[0].confusion.total(), 100); // at least 10 test images a class
    EXPECT_TRUE(fs::exists(fs::path(run.folder) / runfiles::predictionsFile(0)));
    EXPECT_TRUE(fs::exists(fs::path(run.folder) / "checkpoints" / "best.ckpt"));
    // Same weights, same accuracy as the checkpoint they came from.
    CheckpointReader original(checkpoint.string());
    EXPECT_DOUBLE_EQ(run.testAccuracy, original.meta().history.back().testAccuracy);

    // Resume = fine-tune from the imported weights (no optimizer state to restore).
    SyntheticOptions options;
    options.trainPerClass = 4;
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset(options));
    auto trainer = Trainer::resume(run.checkpoint, data, std::nullopt);
    TrainingControl control;
    const RunOutcome outcome = trainer->run(control);
    EXPECT_EQ(outcome.status, RunStatus::Finished) << outcome.message;
    EXPECT_EQ(outcome.epochsCompleted, 2);
}

TEST(WeightsImportTest, ACheckpointWithoutDataResumesOnAnyDataThatFits) {
    const TemporaryFolder tmp;
    WeightsImportRequest request = tinyWeightsToImport(tmp, 1);
    importWeightsAsCheckpoint(request, (tmp / "imported.ckpt").string());

    CheckpointReader reader((tmp / "imported.ckpt").string());
    EXPECT_EQ(reader.meta().epochsCompleted, 0);
    EXPECT_EQ(reader.meta().classNames.front(), "airplane");
    EXPECT_FALSE(reader.hasOptimizerState());

    SyntheticOptions options;
    options.trainPerClass = 3;
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset(options));
    auto trainer = Trainer::resume((tmp / "imported.ckpt").string(), data, std::nullopt);
    TrainingControl control;
    EXPECT_EQ(trainer->run(control).status, RunStatus::Finished);

    request.spec = seedSpec();
    const auto error =
        errorOf([&] { importWeightsAsCheckpoint(request, (tmp / "seed.ckpt").string()); });
    EXPECT_NE(error.find("w.pt: tensor conv1.0.weight has shape ["), std::string::npos) << error;
    EXPECT_FALSE(fs::exists(tmp / "seed.ckpt"));
}

} // namespace
} // namespace inception
