#pragma once

#include <cstdint>
#include <string>

namespace inception {

// What a run was trained on, recorded in run.json and checkpoints.
struct DatasetIdentity {
    std::string kind; // cifar10, folder, idx, synthetic
    std::string path;
    std::int64_t trainCount = 0;
    std::int64_t testCount = 0;
    std::string hash; // crc32 of labels and pixels of both splits, hex
    // The images' size as loaded (image folders are decoded at a model's size); 0: not recorded.
    int height = 0;
    int width = 0;
    int channels = 0;

    bool operator==(const DatasetIdentity&) const = default;
};

} // namespace inception
