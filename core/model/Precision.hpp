#pragma once

#include <string>

namespace inception {

struct CpuFeatures;

// The arithmetic of forward passes: float32, or bfloat16 autocast (weights, gradients and the
// optimizer stay float32). Worth it only on CPUs with BF16 instructions (docs/performance.md):
// `Auto` picks bfloat16 there and float32 elsewhere, when a run starts (choosePrecision).
enum class Precision { Float32, BFloat16, Auto };

std::string toString(Precision precision);
Precision parsePrecision(const std::string& text, const std::string& field);

// The precision a run computes in and why: what `Auto` became, or what was asked for.
struct PrecisionChoice {
    Precision precision = Precision::Float32; // never Auto
    std::string reason;

    bool operator==(const PrecisionChoice&) const = default;
};

// Resolves `requested` for a run on `device` ("cpu" or "cuda") of a machine whose processor is
// `cpu`: a pure function, so tests can fake the processor.
PrecisionChoice choosePrecision(Precision requested, const CpuFeatures& cpu,
                                const std::string& device);

} // namespace inception
