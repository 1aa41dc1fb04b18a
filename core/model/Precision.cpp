#include "core/model/Precision.hpp"

#include "core/base/EnumNames.hpp"

namespace inception {

namespace {
constexpr EnumNames<Precision, 2> kPrecisionNames{
    "precision", {{{Precision::Float32, "float32"}, {Precision::BFloat16, "bfloat16"}}}};
} // namespace

std::string toString(Precision precision) {
    return kPrecisionNames.nameOf(precision);
}

Precision parsePrecision(const std::string& text, const std::string& field) {
    return kPrecisionNames.parse(text, field);
}

} // namespace inception
