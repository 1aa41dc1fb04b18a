#pragma once

#include <optional>
#include <string>
#include <vector>

namespace inception {

// The ONNX operator set exports use (OpenCV 4.6's DNN module reads it).
constexpr int kOnnxOpset = 11;

// Where a checkpoint's weights can go.
enum class ExportFormat {
    PyTorch,  // a state_dict file for torch.load + load_state_dict (the notebook's model)
    Onnx,     // an ONNX graph (OpenCV DNN, ONNX Runtime, ...)
    LibTorch, // a LibTorch archive for torch::load(module, path) in C++
};

std::vector<ExportFormat> exportFormats();
std::string toString(ExportFormat format); // "pytorch", "onnx", "libtorch"
std::optional<ExportFormat> parseExportFormat(const std::string& text);
std::string describe(ExportFormat format);      // "PyTorch state_dict (.pt)", ...
std::string fileExtension(ExportFormat format); // ".pt", ".onnx", ".libtorch.pt"

// The JSON sidecar written beside an export: `<file>.json`.
std::string sidecarPathFor(const std::string& exported);

struct ExportResult {
    std::string file;
    std::string sidecar;
    double testAccuracy = -1.0; // of the exported weights, when the checkpoint knows it
};

// Writes the weights of `checkpoint` to `out` in `format`, then the sidecar (spec, class
// names, input scaling, test accuracy, provenance); both atomically. Throws InputError naming
// the checkpoint or the destination.
ExportResult exportCheckpoint(const std::string& checkpoint, ExportFormat format,
                              const std::string& out);

// Copies a checkpoint (checked readable first) to `to`, atomically.
void copyCheckpoint(const std::string& from, const std::string& to);

} // namespace inception
