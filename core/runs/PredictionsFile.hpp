#pragma once

#include "core/training/TrainingEvents.hpp"

#include <string>
#include <vector>

namespace inception {

// predictions/epoch-NNN.bin: a header ("IWPRED01", u32 count, u32 top-k, u32 classes), then
// per test image: i32 index, i16 true class, i16 predicted class, top-k i16 classes, top-k
// f32 probabilities; little-endian. See docs/run-directory.md.
void writePredictions(const std::string& path, const std::vector<SamplePrediction>& predictions,
                      int classes);
// Throws InputError naming the file when it is not a whole predictions file.
std::vector<SamplePrediction> readPredictions(const std::string& path);

} // namespace inception
