#include "core/evaluation/TestTimeAugmentation.hpp"

#include "core/base/EnumNames.hpp"

namespace inception {

namespace {
constexpr EnumNames<TestTimeAugmentation, 2> kNames{
    "tta", {{{TestTimeAugmentation::None, "none"}, {TestTimeAugmentation::Flip, "flip"}}}};
} // namespace

std::string toString(TestTimeAugmentation tta) {
    return kNames.nameOf(tta);
}

TestTimeAugmentation parseTestTimeAugmentation(const std::string& text, const std::string& field) {
    return kNames.parse(text, field);
}

} // namespace inception
