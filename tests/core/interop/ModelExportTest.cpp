// Export (PyTorch, ONNX through OpenCV's DNN, LibTorch) and import of weights, end to end.
#include "core/interop/ModelExport.hpp"
#include "core/data/Dataset.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/interop/StateDict.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/session/WeightsImport.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/Trainer.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/dnn.hpp>

namespace inception {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::errorOf;
using test::TemporaryFolder;

torch::Tensor logitsOf(const fs::path& checkpoint, const torch::Tensor& images) {
    CheckpointReader reader(checkpoint.string());
    GoogLeNet model = reader.model();
    model->eval();
    torch::NoGradGuard noGrad;
    return model->forward(images);
}

torch::Tensor openCvLogits(const fs::path& onnx, const torch::Tensor& images) {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(onnx.string());
    const auto input = images.contiguous();
    const std::vector<int> dims(input.sizes().begin(), input.sizes().end());
    const cv::Mat blob(static_cast<int>(dims.size()), dims.data(), CV_32F, input.data_ptr());
    net.setInput(blob, "input");
    const cv::Mat out = net.forward();
    return torch::from_blob(const_cast<float*>(out.ptr<float>()), {out.size[0], out.size[1]},
                            torch::kFloat32)
        .clone();
}

ModelSpec editedSpec() {
    ModelSpec spec = tinySpec();
    spec.name = "edited";
    spec.stem.localResponseNorm = false;
    spec.stem.kernel = 5;
    spec.units.push_back({12, 8, 16, 4, 8, 8});
    spec.head.dropout = 0.2;
    return spec;
}

ModelSpec batchNormSpec() {
    ModelSpec spec = tinySpec();
    spec.name = "tiny-bn";
    spec.batchNorm = true;
    return spec;
}

// The fast recipe's structure: batch norm, a 3x3 stem, a max pool after a unit.
ModelSpec pooledSpec() {
    ModelSpec spec = tinySpec();
    spec.name = "pooled";
    spec.batchNorm = true;
    spec.stem = {.outChannels = 16, .kernel = 3, .stride = 1, .localResponseNorm = false};
    spec.units[0].poolAfter = true;
    return spec;
}

// Fashion-MNIST's shape, normalised: one channel, 28 x 28, the mean and std in the graph.
ModelSpec normalizedMonoSpec() {
    ModelSpec spec = tinySpec();
    spec.name = "mono-normalized";
    spec.input = {.channels = 1, .height = 28, .width = 28, .mean = {0.286}, .std = {0.353}};
    return spec;
}

class OnnxExportTest : public testing::TestWithParam<std::string> {};

// OpenCV's DNN module runs the exported graph: logits within 1e-4 of LibTorch's.
TEST_P(OnnxExportTest, OpenCvDnnRunsItWithLibTorchsLogits) {
    const TemporaryFolder tmp;
    const std::string name = GetParam();
    const ModelSpec spec = name == "seed"      ? seedSpec()
                           : name == "edited"  ? editedSpec()
                           : name == "tiny-bn" ? batchNormSpec()
                           : name == "mono"    ? normalizedMonoSpec()
                           : name == "pooled"  ? pooledSpec()
                                               : tinySpec();
    const auto checkpoint = test::trainedCheckpoint(tmp.path(), spec);
    const auto onnx = tmp / (name + ".onnx");
    exportCheckpoint(checkpoint.string(), ExportFormat::Onnx, onnx.string());

    torch::manual_seed(5);
    const auto images = torch::rand({6, spec.input.channels, spec.input.height, spec.input.width});
    const auto expected = logitsOf(checkpoint, images);
    const auto actual = openCvLogits(onnx, images);
    ASSERT_EQ(actual.sizes(), expected.sizes());
    EXPECT_LT((actual - expected).abs().max().item<double>(), 1e-4)
        << "largest logit " << expected.abs().max().item<double>();
}

INSTANTIATE_TEST_SUITE_P(Specs, OnnxExportTest,
                         testing::Values("seed", "tiny", "edited", "tiny-bn", "mono", "pooled"));

TEST(ModelExportTest, PyTorchExportRoundTripsWithASidecar) {
    const TemporaryFolder tmp;
    const auto checkpoint = test::trainedCheckpoint(tmp.path(), batchNormSpec());
    const auto out = tmp / "model.pt";
    const ExportResult result =
        exportCheckpoint(checkpoint.string(), ExportFormat::PyTorch, out.string());
    EXPECT_EQ(result.sidecar, out.string() + ".json");

    CheckpointReader reader(checkpoint.string());
    GoogLeNet imported(reader.meta().spec);
    loadStateDict(imported, readStateDict(out.string()), out.string());
    imported->eval();
    const auto images = torch::rand({3, 3, 32, 32});
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(torch::equal(imported->forward(images), logitsOf(checkpoint, images)));

    const json sidecar = json::parse(test::readFile(result.sidecar));
    EXPECT_EQ(sidecar["format"], "pytorch-state-dict");
    EXPECT_EQ(sidecar["file"], "model.pt");
    EXPECT_EQ(modelSpecFromJsonValue(sidecar["spec"], "sidecar"), batchNormSpec());
    EXPECT_EQ(sidecar["class_names"].get<std::vector<std::string>>(), reader.meta().classNames);
    EXPECT_DOUBLE_EQ(sidecar["test_accuracy"].get<double>(),
                     reader.meta().history.back().testAccuracy);
    EXPECT_DOUBLE_EQ(sidecar["input"]["scale"].get<double>(), 1.0 / 255.0);
    EXPECT_EQ(sidecar["input"]["layout"], "NCHW");
    EXPECT_EQ(sidecar["epochs_trained"], 1);
}

TEST(ModelExportTest, LibTorchArchiveLoadsWithTorchLoad) {
    const TemporaryFolder tmp;
    const auto checkpoint = test::trainedCheckpoint(tmp.path(), tinySpec());
    const auto out = tmp / "model.libtorch.pt";
    exportCheckpoint(checkpoint.string(), ExportFormat::LibTorch, out.string());
    GoogLeNet loaded(tinySpec());
    torch::load(loaded, out.string());
    loaded->eval();
    const auto images = torch::rand({3, 3, 32, 32});
    torch::NoGradGuard noGrad;
    EXPECT_TRUE(torch::equal(loaded->forward(images), logitsOf(checkpoint, images)));
    const json sidecar = json::parse(test::readFile(out.string() + ".json"));
    EXPECT_EQ(sidecar["format"], "libtorch-archive");
}

TEST(ModelExportTest, BadSourcesAndDestinationsAreNamedAndLeaveNothing) {
    const TemporaryFolder tmp;
    const auto checkpoint = test::trainedCheckpoint(tmp.path(), tinySpec());
    auto error = errorOf([&] {
        exportCheckpoint(checkpoint.string(), ExportFormat::Onnx,
                         (tmp / "no-such-folder" / "m.onnx").string());
    });
    EXPECT_NE(error.find("m.onnx: cannot be written: no such folder"), std::string::npos) << error;

    const std::string whole = test::readFile(checkpoint);
    test::writeFile(tmp / "cut.ckpt", whole.substr(0, whole.size() / 3));
    error = errorOf([&] {
        exportCheckpoint((tmp / "cut.ckpt").string(), ExportFormat::PyTorch,
                         (tmp / "m.pt").string());
    });
    EXPECT_NE(error.find("cut.ckpt: is not a readable checkpoint"), std::string::npos) << error;
    EXPECT_FALSE(fs::exists(tmp / "m.pt"));
    EXPECT_FALSE(fs::exists(tmp / "m.pt.json"));
}

TEST(ModelExportTest, FormatsHaveNamesAndExtensions) {
    for (auto format : exportFormats()) {
        EXPECT_EQ(parseExportFormat(toString(format)), format);
        EXPECT_NE(describe(format).find(fileExtension(format)), std::string::npos);
    }
    EXPECT_FALSE(parseExportFormat("keras").has_value());
}

} // namespace
} // namespace inception
