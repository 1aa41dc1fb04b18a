#pragma once

#include <string>

namespace inception {

// What evaluation does to each test image besides looking at it: `Flip` also runs the model on
// the mirrored image and averages the two logits (twice the cost of a plain evaluation).
enum class TestTimeAugmentation { None, Flip };

std::string toString(TestTimeAugmentation tta);
TestTimeAugmentation parseTestTimeAugmentation(const std::string& text, const std::string& field);

} // namespace inception
