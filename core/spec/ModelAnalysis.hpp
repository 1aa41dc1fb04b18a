#pragma once

#include "core/spec/ModelSpec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

struct TensorShape {
    int channels = 0;
    int height = 0;
    int width = 0;

    std::string toString() const;
    bool operator==(const TensorShape&) const = default;
};

// One layer of the built network, named as in the state_dict (`inception2.0.feature3_3.2`).
struct LayerInfo {
    std::string name;
    std::string description; // "conv 3x3, 16 -> 32"
    int unit = -1;           // index of the Inception unit, -1 for stem and head
    TensorShape output;
    std::int64_t parameters = 0;
    std::int64_t macs = 0; // multiply-accumulates per image, forward
};

struct UnitInfo {
    int inChannels = 0;
    TensorShape output;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
};

struct ModelAnalysis {
    std::vector<LayerInfo> layers;
    std::vector<UnitInfo> units;
    TensorShape stemOutput;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
};

// Shapes, parameters and cost of every layer. The spec must be valid.
ModelAnalysis analyze(const ModelSpec& spec);

} // namespace inception
