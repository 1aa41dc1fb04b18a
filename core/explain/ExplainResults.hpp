#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace inception {

// A map over an image or a feature map, row-major.
struct HeatMap {
    int height = 0;
    int width = 0;
    std::vector<float> values;

    float at(int y, int x) const {
        return values[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
};

// An image as the model takes it, in bytes: height x width x channels, RGB order.
struct ImageBytes {
    int height = 0;
    int width = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels;
};

// The class a Grad-CAM map explains: the predicted one, the true one, or a named class.
constexpr int kPredictedClass = -1;

struct GradCamResult {
    int unit = 0;        // the Inception unit whose output the map is of, from 0
    int targetClass = 0; // the class explained
    HeatMap raw;         // ReLU(sum of channels weighted by their mean gradient), unit's size
    HeatMap map;         // raw upsampled to the image (bilinear), scaled to [0, 1] by its maximum
    std::vector<float> probabilities; // the model's, every class
};

// One branch of one unit switched off.
struct BranchEffect {
    int unit = 0;
    int branch = 0;    // 0: 1x1, 1: 3x3, 2: 5x5, 3: pool (their concatenation order)
    std::string field; // the spec field of its width, `units[3].out5x5`
    int width = 0;     // its output channels
    std::int64_t macs = 0;
    std::int64_t parameters = 0;
    double accuracy = 0.0;
    std::vector<double> classAccuracy;
    // Costs more MACs than the median branch and loses less accuracy than the median one.
    bool shrinkCandidate = false;
};

enum class AblationMode { Zero, Mean };

struct AblationReport {
    AblationMode mode = AblationMode::Mean;
    std::int64_t images = 0;
    double accuracy = 0.0; // nothing switched off
    std::vector<double> classAccuracy;
    std::vector<BranchEffect> branches; // unit by unit, branches in order
};

// Called as work proceeds; returning false cancels it (ExplainCancelled is thrown).
using ExplainProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

class ExplainCancelled : public std::runtime_error {
public:
    ExplainCancelled() : std::runtime_error("cancelled") {}
};

// What the short names of branches are, in their order: "1x1", "3x3", "5x5", "pool".
const char* branchName(int branch);

} // namespace inception
