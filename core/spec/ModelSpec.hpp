#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace inception {

// The convolutional stem before the Inception units: conv, ReLU, optional LRN, optional
// max pool (k3 s2, ceil mode, as in the notebook).
struct StemSpec {
    int outChannels = 64;
    int kernel = 7;
    int stride = 2;
    bool localResponseNorm = true;
    bool maxPool = true;

    bool operator==(const StemSpec&) const = default;
};

// One Inception unit. Its input channels are not stored: they are the previous unit's
// output (or the stem's), see ModelSpec::unitInputChannels().
struct InceptionSpec {
    int out1x1 = 0;
    int reduce3x3 = 0;
    int out3x3 = 0;
    int reduce5x5 = 0;
    int out5x5 = 0;
    int poolProj = 0;
    // A max pool 3x3/2 after the concatenation halves the feature map (as between GoogLeNet's
    // stages); the notebook's units keep it.
    bool poolAfter = false;

    int outChannels() const { return out1x1 + out3x3 + out5x5 + poolProj; }
    bool operator==(const InceptionSpec&) const = default;
};

// Global average pooling over the last feature map, dropout, then a linear classifier.
struct HeadSpec {
    double dropout = 0.4;
    int classes = 10;

    bool operator==(const HeadSpec&) const = default;
};

// Images are scaled to [0, 1] (pixels / 255), then, when `mean` is given, each channel has its
// mean subtracted and is divided by its standard deviation (the training split's, see
// AugmentOptions::normalize). The notebook does not normalise: both lists empty.
struct InputSpec {
    int channels = 3;
    int height = 32;
    int width = 32;
    std::vector<double> mean;
    std::vector<double> std;

    bool normalizes() const { return !mean.empty(); }

    bool operator==(const InputSpec&) const = default;
};

struct ModelSpec {
    std::string name = "seed";
    InputSpec input;
    StemSpec stem;
    std::vector<InceptionSpec> units;
    HeadSpec head;
    // Batch normalisation after every convolution, before its ReLU (not in the notebook).
    bool batchNorm = false;

    int unitInputChannels(std::size_t unit) const;
    int featureChannels() const;
    bool operator==(const ModelSpec&) const = default;
};

// One problem found by validation: the field's path and what is wrong with it.
struct SpecIssue {
    std::string field;
    std::string message;
};

// Every problem with the spec, in field order; empty when the spec can be built.
std::vector<SpecIssue> validate(const ModelSpec& spec);

// Throws InputError naming `source` and the first problem when the spec is invalid.
void requireValid(const ModelSpec& spec, const std::string& source);

// The notebook's SmallGoogLeNet for CIFAR-10.
ModelSpec seedSpec();
// A narrow two-unit network that trains in seconds: for tests and demos.
ModelSpec tinySpec();
// The seed's layout with every branch twice as wide: about 4x the cost.
ModelSpec wideSpec();
std::vector<std::string> presetNames();
std::optional<ModelSpec> preset(const std::string& name);

// The spec file format this build writes and reads ("format_version"); files without the
// field are version 1, files of a newer version are refused with a message.
constexpr int kSpecFormatVersion = 1;

nlohmann::json toJsonValue(const ModelSpec& spec);
std::string toJson(const ModelSpec& spec, int indent = 2);
// Parses and validates; throws InputError with `source: field: what` on bad input.
ModelSpec modelSpecFromJson(const std::string& text, const std::string& source);
ModelSpec modelSpecFromJsonValue(const nlohmann::json& doc, const std::string& source);
// `seed`, another preset name, or a JSON file's path.
ModelSpec loadModelSpec(const std::string& presetOrPath);

} // namespace inception
