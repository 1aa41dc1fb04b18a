#pragma once

#include "core/model/GoogLeNet.hpp"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace inception {

// A model's weights by their PyTorch names, in the order PyTorch's state_dict() lists them.
struct NamedTensor {
    std::string name;
    torch::Tensor tensor;
};
using StateDict = std::vector<NamedTensor>;

// Parameters and buffers of `model`, module by module (each module's parameters, then its
// buffers), as `model.state_dict()` orders them in Python.
StateDict stateDictOf(GoogLeNet& model);

// Copies `weights` into `model` as load_state_dict(strict=True) would: a missing or unexpected
// name, or a tensor whose shape differs from the model's, is an InputError naming `source`,
// the tensor and both shapes.
void loadStateDict(GoogLeNet& model, const StateDict& weights, const std::string& source);

// Writes a file that Python reads with torch.load() and hands to load_state_dict() (the zip
// format of torch.save), atomically.
void writeStateDict(const std::string& path, const StateDict& weights);

// Reads what Python's torch.save(model.state_dict()) writes (PyTorch >= 1.6 zip format) and
// what writeStateDict writes. Only tensors, dicts and the few globals of a state_dict are
// accepted: anything else (arbitrary Python objects) is refused with an InputError.
StateDict readStateDict(const std::string& path);

} // namespace inception
