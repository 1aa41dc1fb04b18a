#pragma once

#include "core/data/DatasetIdentity.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// The test split of a dataset as plain bytes, for front ends that show the images behind
// predictions: no tensors.
struct TestImages {
    int count = 0;
    int height = 0;
    int width = 0;
    int channels = 0;
    std::vector<std::uint8_t> pixels; // count x height x width x channels
    std::vector<std::int16_t> labels;
    std::vector<std::string> classNames;
    DatasetIdentity identity;

    const std::uint8_t* image(int index) const {
        return pixels.data() + static_cast<std::size_t>(index) * height * width * channels;
    }
};

// The data spec (`cifar10:PATH`, `folder:PATH`, `synthetic:N`, ...) that loads the dataset of
// `identity`.
std::string dataSpecOf(const DatasetIdentity& identity);

// Loads the test split of the data a run recorded, at the size it was loaded at; throws
// InputError naming the file or spec.
TestImages loadTestImages(const DatasetIdentity& identity);

} // namespace inception
