#pragma once

#include "core/data/Augmentation.hpp"
#include "core/data/DatasetIdentity.hpp"
#include "core/spec/ModelSpec.hpp"

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
    // What the reader skipped or changed, one line each ("PATH: not a readable image").
    std::vector<std::string> notes;

    int classes() const { return static_cast<int>(classNames.size()); }
    int height() const { return static_cast<int>(train.images.size(1)); }
    int width() const { return static_cast<int>(train.images.size(2)); }
    int channels() const { return static_cast<int>(train.images.size(3)); }
};

// Loads `cifar10:PATH`, `folder:PATH`, `idx:PATH` or `synthetic[:N]`; throws InputError naming
// the file or spec. Image folders are resized to `imageSize` (see readImageFolder); the other
// kinds have one size, which a model must take.
Dataset loadDataset(const std::string& dataSpec, ImageShape imageSize = {});

// The image size to ask loadDataset for when training `spec`.
ImageShape inputShapeOf(const ModelSpec& spec);

// Checks labels and shapes, fills identity.hash and the counts.
void finishDataset(Dataset& dataset);

// `spec` with the data's image size, channels and classes.
ModelSpec fitToData(ModelSpec spec, const Dataset& data);

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
