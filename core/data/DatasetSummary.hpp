#pragma once

#include "core/data/Augmentation.hpp"
#include "core/data/DatasetIdentity.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

struct Dataset;

// What a front end shows about a data set before training on it, as plain values.
struct DatasetSummary {
    DatasetIdentity identity;
    std::vector<std::string> classNames;
    std::vector<std::string> notes; // what the reader skipped or changed
    ImageShape shape;
    std::vector<std::int64_t> trainPerClass;
    std::vector<std::int64_t> testPerClass;
    // Per channel, of the training images scaled to [0, 1].
    std::vector<double> mean;
    std::vector<double> std;
    // Up to `samplesPerClass` training images of each class, class by class (the first ones in
    // the split's order), N x H x W x C bytes; sampleCounts[c] of them belong to class c.
    int samplesPerClass = 0;
    std::vector<int> sampleCounts;
    std::vector<std::uint8_t> samples;

    const std::uint8_t* sample(int classIndex, int i) const {
        return samples.data() +
               shape.bytes() * static_cast<std::size_t>(classIndex * samplesPerClass + i);
    }
};

DatasetSummary summarizeDataset(const Dataset& data, int samplesPerClass);

// Loads `dataSpec` (as loadDataset) and summarises it; throws InputError as loadDataset.
DatasetSummary loadDatasetSummary(const std::string& dataSpec, ImageShape imageSize,
                                  int samplesPerClass);

} // namespace inception
