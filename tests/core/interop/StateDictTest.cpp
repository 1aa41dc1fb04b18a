// PyTorch state_dicts: what Python's torch.save writes comes in; what we write, Python reads.
#include "core/interop/StateDict.hpp"

#include "core/base/ZipDirectory.hpp"
#include "core/data/Dataset.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/interop/StateDictPickle.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;
using test::TemporaryFolder;

fs::path fixtures() {
    return test::sourceFolder() / "tests/data/state-dicts";
}

const torch::Tensor& named(const StateDict& weights, const std::string& name) {
    for (const auto& w : weights)
        if (w.name == name)
            return w.tensor;
    throw std::runtime_error("no tensor " + name);
}

std::vector<std::string> namesOf(const StateDict& weights) {
    std::vector<std::string> names;
    for (const auto& w : weights)
        names.push_back(w.name);
    return names;
}

GoogLeNet initialised(const ModelSpec& spec, std::uint64_t seed) {
    torch::manual_seed(seed);
    GoogLeNet model(spec);
    initializeWeights(model);
    model->eval();
    return model;
}

// The fixtures' content (tests/data/state-dicts/make_fixtures.py).
void expectFixtureWeights(const StateDict& weights) {
    EXPECT_EQ(namesOf(weights),
              (std::vector<std::string>{"layer.weight", "layer.bias", "transposed",
                                        "bn.num_batches_tracked", "half"}));
    const auto arange = torch::arange(6, torch::kFloat32).reshape({2, 3});
    EXPECT_TRUE(torch::equal(named(weights, "layer.weight"), arange));
    EXPECT_TRUE(torch::equal(named(weights, "layer.bias"), torch::tensor({0.5f, -0.25f})));
    EXPECT_TRUE(torch::equal(named(weights, "transposed"), arange.t()));
    EXPECT_EQ(named(weights, "bn.num_batches_tracked").scalar_type(), torch::kInt64);
    EXPECT_EQ(named(weights, "bn.num_batches_tracked").dim(), 0);
    EXPECT_EQ(named(weights, "bn.num_batches_tracked").item<std::int64_t>(), 7);
    EXPECT_EQ(named(weights, "half").scalar_type(), torch::kFloat16);
    EXPECT_FLOAT_EQ(named(weights, "half")[1].item<float>(), -2.0f);
}

TEST(StateDictTest, ReadsWhatPythonsTorchSaveWrites) {
    expectFixtureWeights(readStateDict((fixtures() / "ordered-dict.pt").string()));
    expectFixtureWeights(readStateDict((fixtures() / "protocol-4.pt").string()));
    // A training script's {"epoch": 3, "state_dict": ..., "lr": ...}: the weights inside.
    expectFixtureWeights(readStateDict((fixtures() / "training-script.pt").string()));
}

TEST(StateDictTest, RefusesForeignObjectsOldFormatsAndDamage) {
    const TemporaryFolder tmp;
    auto error = errorOf([] { readStateDict((fixtures() / "foreign-object.pt").string()); });
    EXPECT_NE(error.find("foreign-object.pt: is not a plain state_dict: it holds a Python object "
                         "of type posix.getcwd"),
              std::string::npos)
        << error;

    error = errorOf([] { readStateDict((fixtures() / "legacy-format.pt").string()); });
    EXPECT_NE(error.find("legacy-format.pt: is not a PyTorch state_dict file"), std::string::npos)
        << error;

    const std::string whole = test::readFile(fixtures() / "ordered-dict.pt");
    test::writeFile(tmp / "cut.pt", whole.substr(0, whole.size() / 2));
    error = errorOf([&] { readStateDict((tmp / "cut.pt").string()); });
    EXPECT_NE(error.find("cut.pt: is not a PyTorch state_dict file"), std::string::npos) << error;

    test::writeFile(tmp / "text.pt", "not a state dict\n");
    error = errorOf([&] { readStateDict((tmp / "text.pt").string()); });
    EXPECT_NE(error.find("text.pt: is not a PyTorch state_dict file"), std::string::npos) << error;

    error = errorOf([&] { readStateDict((tmp / "absent.pt").string()); });
    EXPECT_NE(error.find("absent.pt: no such file"), std::string::npos) << error;
}

TEST(StateDictTest, DamagedPickleInsideAGoodZipIsNamed) {
    const TemporaryFolder tmp;
    GoogLeNet model = initialised(tinySpec(), 1);
    const auto path = (tmp / "tiny.pt").string();
    writeStateDict(path, stateDictOf(model));
    // Overwrite data.pkl's first opcodes (stored uncompressed): the zip opens, the pickle is bad.
    std::string bytes = test::readFile(path);
    const auto pickleAt = bytes.find("\x80\x02");
    ASSERT_NE(pickleAt, std::string::npos);
    for (std::size_t i = pickleAt + 2; i < pickleAt + 40; ++i)
        bytes[i] = '\xff';
    test::writeFile(tmp / "bad.pt", bytes);
    const auto error = errorOf([&] { readStateDict((tmp / "bad.pt").string()); });
    EXPECT_NE(error.find("bad.pt: "), std::string::npos) << error;
    EXPECT_EQ(error.find("(no error)"), std::string::npos);
}

TEST(StateDictTest, APickledDictThatHoldsItselfIsRefused) {
    // Found by fuzz-state-dict-pickle (a leak under LeakSanitizer): EMPTY_DICT, BINPUT 0,
    // BINGET 0, BINGET 0, SETITEM made a dict its own key and value.
    const std::string pickle("\x80\x02}q\x00h\x00h\x00s.", 11);
    const auto noStorage = [](const std::string&) -> std::string { return {}; };
    EXPECT_EQ(errorOf([&] { unpickleStateDict(pickle, noStorage, "loop.pt"); }),
              "loop.pt: is not a state_dict: it holds a key that is not a name");
}

TEST(StateDictTest, AZipThatIsNotWhatTorchSaveWritesIsRefusedBeforeLibTorchReadsIt) {
    const TemporaryFolder tmp;
    GoogLeNet model = initialised(tinySpec(), 1);
    const auto path = (tmp / "tiny.pt").string();
    writeStateDict(path, stateDictOf(model));
    const auto records = readZipDirectory(path, "is not a PyTorch state_dict file");
    const auto pickle = std::find_if(records.begin(), records.end(), [](const ZipRecord& r) {
        return r.name.ends_with("/data.pkl");
    });
    ASSERT_NE(pickle, records.end());
    const std::string bytes = test::readFile(path);
    EXPECT_EQ(bytes.substr(pickle->offset, 2), "\x80\x02");
    // A record's offset moved past the end of the file.
    std::string moved = bytes;
    const auto central = moved.find("PK\x01\x02");
    ASSERT_NE(central, std::string::npos);
    moved[central + 45] = '\x7f';
    test::writeFile(tmp / "moved.pt", moved);
    EXPECT_EQ(errorOf([&] { readStateDict((tmp / "moved.pt").string()); }),
              (tmp / "moved.pt").string() + ": is not a PyTorch state_dict file: record '" +
                  records.front().name + "' lies outside the file");
}

TEST(StateDictTest, RoundTripKeepsNamesOrderValuesAndOutputs) {
    const TemporaryFolder tmp;
    ModelSpec spec = tinySpec();
    spec.batchNorm = true; // buffers too: running mean and variance, batches tracked
    GoogLeNet model = initialised(spec, 3);
    {
        // Non-trivial running statistics.
        model->train();
        torch::NoGradGuard noGrad;
        model->forward(torch::rand({8, 3, 32, 32}));
        model->eval();
    }
    const StateDict written = stateDictOf(model);
    EXPECT_EQ(written.front().name, "conv1.0.weight");
    EXPECT_EQ(written.back().name, "classifier.2.bias");
    EXPECT_EQ(named(written, "conv1.1.num_batches_tracked").item<std::int64_t>(), 1);

    const auto path = (tmp / "weights.pt").string();
    writeStateDict(path, written);
    const StateDict read = readStateDict(path);
    ASSERT_EQ(namesOf(read), namesOf(written));
    for (std::size_t i = 0; i < read.size(); ++i)
        EXPECT_TRUE(torch::equal(read[i].tensor, written[i].tensor)) << read[i].name;

    GoogLeNet copy = initialised(spec, 4);
    loadStateDict(copy, read, path);
    const auto input = torch::rand({4, 3, 32, 32});
    EXPECT_TRUE(torch::equal(copy->forward(input), model->forward(input)));
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 1)
        << "only the state_dict, no temporary file";
}

TEST(StateDictTest, WeightsThatDoNotFitTheSpecNameTheTensorAndBothShapes) {
    GoogLeNet seed = initialised(seedSpec(), 1);
    GoogLeNet tiny = initialised(tinySpec(), 1);
    const StateDict weights = stateDictOf(seed);
    auto error = errorOf([&] { loadStateDict(tiny, weights, "seed.pt"); });
    EXPECT_NE(error.find("seed.pt: tensor conv1.0.weight has shape [64, 3, 7, 7] but the spec "
                         "needs ["),
              std::string::npos)
        << error;

    StateDict missing = stateDictOf(seed);
    missing.erase(missing.begin() + 3);
    GoogLeNet target = initialised(seedSpec(), 2);
    error = errorOf([&] { loadStateDict(target, missing, "partial.pt"); });
    EXPECT_NE(error.find("partial.pt: tensor " + weights[3].name + " is missing"),
              std::string::npos)
        << error;

    StateDict extra = stateDictOf(seed);
    extra.push_back({"aux.weight", torch::zeros({1})});
    error = errorOf([&] { loadStateDict(target, extra, "extra.pt"); });
    EXPECT_NE(error.find("extra.pt: tensor aux.weight is not in the spec's model"),
              std::string::npos)
        << error;
}

// --- With Debian's python3-torch: the notebook's own PyTorch model on the other side. ---

bool pythonTorchAvailable() {
    return std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
}

std::string notebookScript() {
    return (test::sourceFolder() / "tests/python/notebook_model.py").string();
}

void writeFloats(const fs::path& path, const torch::Tensor& t) {
    const auto c = t.contiguous();
    test::writeFile(path, std::string(static_cast<const char*>(c.data_ptr()),
                                      static_cast<std::size_t>(c.numel()) * sizeof(float)));
}

torch::Tensor readFloats(const fs::path& path, std::int64_t rows, std::int64_t columns) {
    const std::string bytes = test::readFile(path);
    EXPECT_EQ(bytes.size(), static_cast<std::size_t>(rows * columns) * sizeof(float));
    return torch::from_blob(const_cast<char*>(bytes.data()), {rows, columns}, torch::kFloat32)
        .clone();
}

// Logits of the notebook's PyTorch model with `stateDict`, on `images`.
torch::Tensor notebookLogits(const TemporaryFolder& tmp, const fs::path& stateDict,
                             const torch::Tensor& images) {
    writeFloats(tmp / "input.raw", images);
    const std::string command = "/usr/bin/python3 " + notebookScript() + " logits " +
                                stateDict.string() + " " + (tmp / "input.raw").string() + " " +
                                (tmp / "logits.raw").string();
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return readFloats(tmp / "logits.raw", images.size(0), 10);
}

torch::Tensor testImages() {
    SyntheticOptions options;
    options.trainPerClass = 10; // and 10 test images per class
    const Dataset data = makeSyntheticDataset(options);
    return toModelInput(data.test.images);
}

TEST(StateDictPythonTest, TheNotebookModelLoadsOurStateDictStrictlyAndAgrees) {
    if (!pythonTorchAvailable())
        GTEST_SKIP() << "python3-torch is not installed";
    const TemporaryFolder tmp;
    GoogLeNet model = initialised(seedSpec(), 7);
    writeStateDict((tmp / "ours.pt").string(), stateDictOf(model));
    const auto images = testImages();
    torch::NoGradGuard noGrad;
    const auto ours = model->forward(images);
    const auto theirs = notebookLogits(tmp, tmp / "ours.pt", images);
    EXPECT_LT((ours - theirs).abs().max().item<double>(), 1e-5);
    EXPECT_TRUE(torch::equal(ours.argmax(1), theirs.argmax(1)))
        << "same predictions, same accuracy";
}

TEST(StateDictPythonTest, WeightsSavedByTheNotebookModelComeInAndAgree) {
    if (!pythonTorchAvailable())
        GTEST_SKIP() << "python3-torch is not installed";
    const TemporaryFolder tmp;
    const auto saved = tmp / "notebook.pt";
    const std::string command =
        "/usr/bin/python3 " + notebookScript() + " save 2020 " + saved.string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    GoogLeNet model = initialised(seedSpec(), 1);
    loadStateDict(model, readStateDict(saved.string()), saved.string());
    const auto images = testImages();
    torch::NoGradGuard noGrad;
    const auto ours = model->forward(images);
    const auto theirs = notebookLogits(tmp, saved, images);
    EXPECT_LT((ours - theirs).abs().max().item<double>(), 1e-5);
    EXPECT_TRUE(torch::equal(ours.argmax(1), theirs.argmax(1)));
}

} // namespace
} // namespace inception
