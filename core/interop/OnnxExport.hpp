#pragma once

#include "core/interop/ModelExport.hpp"
#include "core/model/GoogLeNet.hpp"

#include <string>
#include <vector>

namespace inception {

// Writes `model` as an ONNX graph (opset 11, input "input" N x C x H x W float, output "logits"
// N x classes), checked by ONNX's checker, atomically. Built node by node from the modules, with
// ONNX's own LRN and ceil-mode pooling so that OpenCV's DNN module runs it; dropout is left out
// (inference). The class names and the spec go into the model's metadata.
void writeOnnxModel(const std::string& path, GoogLeNet& model,
                    const std::vector<std::string>& classNames);

} // namespace inception
