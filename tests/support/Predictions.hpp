#pragma once

#include "core/evaluation/SamplePrediction.hpp"

namespace inception::test {

// A test image's prediction: the predicted class at `confidence`, then classes 0..3 far behind.
inline SamplePrediction prediction(int index, int trueClass, int predicted, float confidence) {
    SamplePrediction p;
    p.index = index;
    p.trueClass = static_cast<std::int16_t>(trueClass);
    p.predicted = static_cast<std::int16_t>(predicted);
    p.topClasses = {static_cast<std::int16_t>(predicted), 0, 1, 2, 3};
    p.topProbabilities = {confidence, 0.05f, 0.04f, 0.03f, 0.02f};
    return p;
}

} // namespace inception::test
