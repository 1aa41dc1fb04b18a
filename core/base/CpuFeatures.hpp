#pragma once

#include <string>

namespace inception {

// What the processor says about itself: its name and the instructions that decide whether
// bfloat16 arithmetic pays (docs/performance.md).
struct CpuFeatures {
    std::string name;        // "AMD EPYC 9R14", or "unknown CPU"
    bool avx512Bf16 = false; // AVX512_BF16: bfloat16 dot products in AVX-512 registers
    bool amxBf16 = false;    // AMX-BF16: bfloat16 tile matrix multiply

    bool hasBf16() const { return avx512Bf16 || amxBf16; }
    // "avx512_bf16, amx_bf16" or "no BF16 instructions"
    std::string bf16Text() const;
};

// Reads the text of /proc/cpuinfo: the first processor's "model name" and "flags".
CpuFeatures parseCpuInfo(const std::string& text);

// This machine's processor, read once.
const CpuFeatures& thisCpu();

} // namespace inception
