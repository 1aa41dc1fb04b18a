#pragma once

#include <string>

namespace inception {

// The arithmetic of forward passes: float32, or bfloat16 autocast (weights, gradients and the
// optimizer stay float32). Worth it only on CPUs with BF16 instructions (docs/performance.md).
enum class Precision { Float32, BFloat16 };

std::string toString(Precision precision);
Precision parsePrecision(const std::string& text, const std::string& field);

} // namespace inception
