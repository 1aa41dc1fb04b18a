#pragma once

#include <cstddef>
#include <cstdint>

namespace inception {

// What is done to training images before each step; test images are never changed.
struct AugmentOptions {
    // Random crops of the image's own size from a copy zero-padded by this many pixels a side.
    int cropPadding = 0;
    bool horizontalFlip = false;
    // Subtract the training split's per-channel mean and divide by its standard deviation.
    // The figures go into the model spec's input, so evaluation and export apply them too.
    bool normalize = false;

    bool changesImages() const { return cropPadding > 0 || horizontalFlip; }
    bool operator==(const AugmentOptions&) const = default;
};

// The largest crop padding accepted (the Data page's and the CLI's range).
constexpr int kMaxCropPadding = 16;

// The common recipe (`--augment`): 4-pixel crops and flips, as torchvision's CIFAR examples.
AugmentOptions standardAugmentation();

// The layout of images stored as N x H x W x C bytes.
struct ImageShape {
    int height = 0;
    int width = 0;
    int channels = 0;

    std::size_t bytes() const {
        return static_cast<std::size_t>(height) * static_cast<std::size_t>(width) *
               static_cast<std::size_t>(channels);
    }
};

// Writes `count` augmented copies of the images at `in` to `out` (both N x H x W x C bytes, not
// overlapping). Every random choice comes from `seed`: the same seed gives the same images on any
// thread and in any process. Labels are untouched, so they still belong to their images.
// `position` is the first image's place in the batch the seed belongs to: a rank that holds
// images 64..127 of a batch draws for them what one process holding the whole batch draws.
void augmentImages(const std::uint8_t* in, std::uint8_t* out, std::int64_t count, ImageShape shape,
                   const AugmentOptions& options, std::uint64_t seed, std::int64_t position = 0);

// The seed of batch `batch` of epoch `epoch` in a run seeded `runSeed`: a resumed run draws the
// same crops and flips as one that never stopped.
std::uint64_t batchSeed(std::uint64_t runSeed, int epoch, int batch);

} // namespace inception
