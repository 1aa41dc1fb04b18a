#pragma once

#include <array>
#include <cstdint>

namespace inception {

constexpr int kTopPredictions = 5;

// One test image's prediction: its true class and the most probable classes.
struct SamplePrediction {
    std::int32_t index = 0; // position in the test split
    std::int16_t trueClass = 0;
    std::int16_t predicted = 0;
    std::array<std::int16_t, kTopPredictions> topClasses{};
    std::array<float, kTopPredictions> topProbabilities{};
};

} // namespace inception
