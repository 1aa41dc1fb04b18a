#include "core/training/Checkpoint.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;
using test::TemporaryFolder;

// A checkpoint of a tiny model after one short epoch.
fs::path trainedCheckpoint(const TemporaryFolder& tmp) {
    auto data = std::make_shared<const Dataset>(makeSyntheticDataset({.trainPerClass = 4}));
    TrainingConfig c;
    c.epochs = 1;
    c.batchSize = 16;
    c.threads = 2;
    Trainer trainer(tinySpec(), c, data);
    trainer.setCheckpointDirectory(tmp.path().string());
    TrainingControl control;
    trainer.run(control);
    return tmp / "last.ckpt";
}

TEST(CheckpointTest, RoundTripKeepsEveryParameterAndTheOutputs) {
    TemporaryFolder tmp;
    torch::manual_seed(3);
    GoogLeNet model(seedSpec());
    initializeWeights(model);
    CheckpointMeta meta;
    meta.spec = seedSpec();
    meta.classNames = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    meta.epochsCompleted = 4;
    const auto path = (tmp / "model.ckpt").string();
    saveCheckpoint(path, meta, model, nullptr, {});

    CheckpointReader reader(path);
    EXPECT_EQ(reader.meta().spec, seedSpec());
    EXPECT_EQ(reader.meta().epochsCompleted, 4);
    EXPECT_EQ(reader.meta().classNames, meta.classNames);
    GoogLeNet loaded = reader.model();
    const auto original = model->named_parameters();
    for (const auto& p : loaded->named_parameters())
        EXPECT_TRUE(torch::equal(p.value(), original[p.key()])) << p.key();
    model->eval();
    loaded->eval();
    const auto input = torch::rand({2, 3, 32, 32});
    EXPECT_TRUE(torch::equal(model->forward(input), loaded->forward(input)));
    // Atomic write: nothing but the checkpoint is left in the folder.
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator{}), 1);
}

TEST(CheckpointTest, TrainerCheckpointHoldsTheWholeState) {
    TemporaryFolder tmp;
    const auto path = trainedCheckpoint(tmp);
    CheckpointReader reader(path.string());
    EXPECT_EQ(reader.meta().epochsCompleted, 1);
    EXPECT_EQ(reader.meta().history.size(), 1u);
    EXPECT_EQ(reader.meta().dataset.kind, "synthetic");
    EXPECT_EQ(reader.meta().config.batchSize, 16);
    EXPECT_TRUE(reader.tensors().rngState.defined());
    EXPECT_FALSE(reader.tensors().epochOrder.defined());
    EXPECT_TRUE(fs::exists(tmp / "best.ckpt"));
}

TEST(CheckpointTest, WeightsOfAnotherSpecNameTheTensorAndBothShapes) {
    TemporaryFolder tmp;
    const auto path = trainedCheckpoint(tmp);
    ModelSpec wider = tinySpec();
    wider.units[0].out1x1 = 12;
    GoogLeNet model(wider);
    CheckpointReader reader(path.string());
    const auto error = errorOf([&] { reader.loadWeights(model); });
    EXPECT_NE(error.find("tensor inception2.0.feature1_1.0.weight has shape [8, 16, 1, 1] but "
                         "the model needs [12, 16, 1, 1]"),
              std::string::npos)
        << error;
}

TEST(CheckpointTest, DamagedFilesAreNamed) {
    TemporaryFolder tmp;
    const auto path = trainedCheckpoint(tmp);
    const std::string bytes = test::readFile(path);

    test::writeFile(tmp / "cut.ckpt", bytes.substr(0, bytes.size() / 2));
    auto error = errorOf([&] { CheckpointReader((tmp / "cut.ckpt").string()); });
    EXPECT_NE(error.find("cut.ckpt: is not a readable checkpoint"), std::string::npos) << error;

    test::writeFile(tmp / "text.ckpt", "hello");
    error = errorOf([&] { CheckpointReader((tmp / "text.ckpt").string()); });
    EXPECT_NE(error.find("text.ckpt: is not a readable checkpoint"), std::string::npos) << error;

    error = errorOf([&] { CheckpointReader((tmp / "absent.ckpt").string()); });
    EXPECT_NE(error.find("absent.ckpt: no such checkpoint file"), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos);
}

TEST(CheckpointTest, UnwritableDestinationIsAnInputError) {
    TemporaryFolder tmp;
    GoogLeNet model(tinySpec());
    test::writeFile(tmp / "file", "x");
    const auto error = errorOf(
        [&] { saveCheckpoint((tmp / "file" / "a.ckpt").string(), {}, model, nullptr, {}); });
    EXPECT_NE(error.find("a.ckpt: cannot be written"), std::string::npos) << error;
}

} // namespace
} // namespace inception
