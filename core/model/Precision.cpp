#include "core/model/Precision.hpp"

#include "core/base/CpuFeatures.hpp"
#include "core/base/EnumNames.hpp"

namespace inception {

namespace {
constexpr EnumNames<Precision, 3> kPrecisionNames{"precision",
                                                  {{{Precision::Float32, "float32"},
                                                    {Precision::BFloat16, "bfloat16"},
                                                    {Precision::Auto, "auto"}}}};
} // namespace

std::string toString(Precision precision) {
    return kPrecisionNames.nameOf(precision);
}

Precision parsePrecision(const std::string& text, const std::string& field) {
    return kPrecisionNames.parse(text, field);
}

PrecisionChoice choosePrecision(Precision requested, const CpuFeatures& cpu,
                                const std::string& device) {
    if (requested != Precision::Auto)
        return {requested, "asked for"};
    if (device != "cpu")
        return {Precision::Float32, "auto: " + device + " trains in float32"};
    if (cpu.hasBf16())
        return {Precision::BFloat16, "auto: " + cpu.name + " has " + cpu.bf16Text()};
    return {Precision::Float32, "auto: " + cpu.name + " has no BF16 instructions"};
}

} // namespace inception
