#include "core/interop/ModelExport.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/base/Timestamp.hpp"
#include "core/interop/OnnxExport.hpp"
#include "core/interop/StateDict.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/EventJson.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace inception {

using nlohmann::json;

namespace {

void writeLibTorchArchive(const std::string& path, GoogLeNet& model) {
    torch::serialize::OutputArchive archive;
    model->save(archive);
    saveArchiveAtomically(path, archive);
}

struct FormatInfo {
    ExportFormat format;
    const char* name;
    const char* description;
    const char* extension;
    const char* sidecarName;
};

constexpr std::array<FormatInfo, 3> kFormats = {{
    {ExportFormat::PyTorch, "pytorch", "PyTorch state_dict (.pt)", ".pt", "pytorch-state-dict"},
    {ExportFormat::Onnx, "onnx", "ONNX model (.onnx)", ".onnx", "onnx"},
    {ExportFormat::LibTorch, "libtorch", "LibTorch archive (.libtorch.pt)", ".libtorch.pt",
     "libtorch-archive"},
}};

const FormatInfo& infoOf(ExportFormat format) {
    return *std::find_if(kFormats.begin(), kFormats.end(),
                         [&](const FormatInfo& f) { return f.format == format; });
}

json sidecarJson(const CheckpointMeta& meta, ExportFormat format, const std::string& checkpoint,
                 const std::string& file, double testAccuracy) {
    const InputSpec& in = meta.spec.input;
    json doc = {{"format", infoOf(format).sidecarName},
                {"file", std::filesystem::path(file).filename().string()},
                {"spec", toJsonValue(meta.spec)},
                {"class_names", meta.classNames},
                // What the model expects: the images as torchvision's ToTensor gives them.
                {"input",
                 {{"layout", "NCHW"},
                  {"dtype", "float32"},
                  {"channels", in.channels},
                  {"height", in.height},
                  {"width", in.width},
                  {"channel_order", in.channels == 3 ? "RGB" : "gray"},
                  {"scale", 1.0 / 255.0},
                  {"mean", std::vector<double>(static_cast<std::size_t>(in.channels), 0.0)},
                  {"std", std::vector<double>(static_cast<std::size_t>(in.channels), 1.0)}}},
                {"output", format == ExportFormat::Onnx ? "logits" : "logits (model.forward)"},
                {"test_accuracy", testAccuracy >= 0 ? json(testAccuracy) : json(nullptr)},
                {"epochs_trained", meta.epochsCompleted},
                {"dataset", toJsonValue(meta.dataset)},
                {"checkpoint", std::filesystem::absolute(checkpoint).string()},
                {"exported", utcTimestamp()},
                {"exported_by", std::string("inception-workbench ") + INCEPTION_VERSION}};
    if (format == ExportFormat::Onnx)
        doc["onnx_opset"] = kOnnxOpset;
    return doc;
}

} // namespace

std::vector<ExportFormat> exportFormats() {
    std::vector<ExportFormat> formats;
    for (const auto& f : kFormats)
        formats.push_back(f.format);
    return formats;
}

std::string toString(ExportFormat format) {
    return infoOf(format).name;
}

std::optional<ExportFormat> parseExportFormat(const std::string& text) {
    for (const auto& f : kFormats)
        if (f.name == text)
            return f.format;
    return std::nullopt;
}

std::string describe(ExportFormat format) {
    return infoOf(format).description;
}

std::string fileExtension(ExportFormat format) {
    return infoOf(format).extension;
}

std::string sidecarPathFor(const std::string& exported) {
    return exported + ".json";
}

ExportResult exportCheckpoint(const std::string& checkpoint, ExportFormat format,
                              const std::string& out) {
    CheckpointReader reader(checkpoint);
    GoogLeNet model = reader.model();
    model->eval();
    const CheckpointMeta& meta = reader.meta();
    const auto parent = std::filesystem::path(out).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent))
        throw InputError(out, "cannot be written: no such folder " + parent.string());

    switch (format) {
    case ExportFormat::PyTorch:
        writeStateDict(out, stateDictOf(model));
        break;
    case ExportFormat::Onnx:
        writeOnnxModel(out, model, meta.classNames);
        break;
    case ExportFormat::LibTorch:
        writeLibTorchArchive(out, model);
        break;
    }
    ExportResult result;
    result.file = out;
    result.sidecar = sidecarPathFor(out);
    if (!meta.history.empty())
        result.testAccuracy = meta.history.back().testAccuracy;
    writeFileAtomically(result.sidecar,
                        sidecarJson(meta, format, checkpoint, out, result.testAccuracy).dump(2) +
                            "\n");
    return result;
}

void copyCheckpoint(const std::string& from, const std::string& to) {
    CheckpointReader check(from);
    std::ifstream in(from, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in && !in.eof())
        throw InputError(from, "cannot be read");
    writeFileAtomically(to, bytes);
}

} // namespace inception
