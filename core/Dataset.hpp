#pragma once

#include "core/DatasetIdentity.hpp"
#include "core/ModelSpec.hpp"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace inception {

// Images of one split as one uint8 tensor, N x H x W x C, with int64 labels N.
struct DatasetSplit {
    torch::Tensor images;
    torch::Tensor labels;

    std::int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
    // The first `count` samples (all when count is 0 or larger than the split).
    DatasetSplit first(std::int64_t count) const;
};

struct Dataset {
    DatasetSplit train;
    DatasetSplit test;
    std::vector<std::string> classNames;
    DatasetIdentity identity;

    int classes() const { return static_cast<int>(classNames.size()); }
    int height() const { return static_cast<int>(train.images.size(1)); }
    int width() const { return static_cast<int>(train.images.size(2)); }
    int channels() const { return static_cast<int>(train.images.size(3)); }
};

// Loads `cifar10:PATH` or `synthetic[:N]`; throws InputError naming the file or spec.
Dataset loadDataset(const std::string& dataSpec);

// Checks labels and shapes, fills identity.hash and the counts.
void finishDataset(Dataset& dataset);

// Throws InputError ("--model: ...") unless the model takes this data's images and classes.
void requireModelFitsData(const ModelSpec& spec, const Dataset& data);

// Per-channel mean and standard deviation of a split's pixels scaled to [0, 1].
struct ChannelStatistics {
    std::vector<double> mean;
    std::vector<double> std;
};
ChannelStatistics channelStatistics(const DatasetSplit& split);

// N x H x W x C uint8 -> N x C x H x W float in [0, 1], as torchvision's ToTensor.
torch::Tensor toModelInput(const torch::Tensor& images);

} // namespace inception
