#pragma once

#include "core/training/TrainingEvents.hpp"

#include <string>
#include <vector>

namespace inception {

// predictions/epoch-NNN.bin: a header ("IWPRED02", u32 count, u32 top-k, u32 classes), then
// per test image: i32 index, i16 true class, i16 predicted class, top-k i16 classes, top-k
// f32 probabilities, `classes` f32 probabilities (every class's); little-endian. Version 1
// ("IWPRED01", written before every class was kept and when a prediction lacks them) has no
// per-class probabilities; both are read. See docs/run-directory.md.
void writePredictions(const std::string& path, const std::vector<SamplePrediction>& predictions,
                      int classes);
// Throws InputError naming the file when it is not a whole predictions file.
std::vector<SamplePrediction> readPredictions(const std::string& path);

} // namespace inception
