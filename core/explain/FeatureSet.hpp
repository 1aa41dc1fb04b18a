#pragma once

#include "core/data/Dataset.hpp"
#include "core/explain/ExplainResults.hpp"
#include "core/model/GoogLeNet.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// What the classifier sees of every image of a split (the pooled features, before dropout
// and the linear layer) and what it makes of them (every class's probability).
struct SplitFeatures {
    std::int64_t count = 0;
    int dims = 0;
    int classes = 0;
    std::vector<float> features;      // count x dims
    std::vector<float> probabilities; // count x classes
    std::vector<std::int16_t> labels; // the given labels

    const float* feature(std::int64_t i) const {
        return features.data() + i * static_cast<std::int64_t>(dims);
    }
    const float* probability(std::int64_t i) const {
        return probabilities.data() + i * static_cast<std::int64_t>(classes);
    }
};

struct FeatureSet {
    // Names the checkpoint and data the features were computed from; a cache of another key
    // is stale.
    std::string key;
    SplitFeatures train;
    SplitFeatures test;
};

// Runs the model (eval mode, float32) over both splits; progress counts images.
FeatureSet computeFeatureSet(GoogLeNet& model, const Dataset& data,
                             const ExplainProgress& progress = {});

// The cache file: "IWFEAT01", u32 key length, the key, then per split (train, test): u64
// count, u32 dims, u32 classes, count i16 labels, count x dims f32 features, count x classes
// f32 probabilities; little-endian. Written atomically.
void writeFeatureSet(const std::string& path, const FeatureSet& set);
// Throws InputError naming the file when it is not a whole feature file.
FeatureSet readFeatureSet(const std::string& path);

// Where the features of a checkpoint are cached: `<run>/explain/<name>.features` for a
// checkpoint in a run's checkpoints folder, else beside it as `<file>.features`.
std::string featureCachePath(const std::string& checkpoint);
// The key of a checkpoint file (its size and modification time) with data of `dataHash`.
std::string featureKey(const std::string& checkpoint, const std::string& dataHash);

} // namespace inception
