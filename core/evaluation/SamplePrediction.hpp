#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace inception {

constexpr int kTopPredictions = 5;

// One test image's prediction: its true class, the most probable classes and, when recorded
// (predictions files of version 2), every class's probability.
struct SamplePrediction {
    std::int32_t index = 0; // position in the test split
    std::int16_t trueClass = 0;
    std::int16_t predicted = 0;
    std::array<std::int16_t, kTopPredictions> topClasses{};
    std::array<float, kTopPredictions> topProbabilities{};
    std::vector<float> probabilities; // by class; empty when only the top classes were kept
};

} // namespace inception
