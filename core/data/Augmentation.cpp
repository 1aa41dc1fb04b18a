#include "core/data/Augmentation.hpp"

#include <algorithm>
#include <cstring>
#include <random>

namespace inception {

namespace {

// SplitMix64's finaliser: spreads nearby inputs over the whole 64-bit range.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// One image: the crop at (dy, dx) of the padded image, i.e. output pixel (y, x) is input pixel
// (y + dy - padding, x + dx - padding), zero outside; mirrored when `flip`.
void cropAndFlip(const std::uint8_t* in, std::uint8_t* out, ImageShape s, int padding, int dy,
                 int dx, bool flip) {
    const std::size_t pixel = static_cast<std::size_t>(s.channels);
    const std::size_t row = static_cast<std::size_t>(s.width) * pixel;
    for (int y = 0; y < s.height; ++y) {
        std::uint8_t* outRow = out + static_cast<std::size_t>(y) * row;
        const int sy = y + dy - padding;
        if (sy < 0 || sy >= s.height) {
            std::memset(outRow, 0, row);
            continue;
        }
        const std::uint8_t* inRow = in + static_cast<std::size_t>(sy) * row;
        for (int x = 0; x < s.width; ++x) {
            const int sx = (flip ? s.width - 1 - x : x) + dx - padding;
            std::uint8_t* target = outRow + static_cast<std::size_t>(x) * pixel;
            if (sx < 0 || sx >= s.width)
                std::memset(target, 0, pixel);
            else
                std::memcpy(target, inRow + static_cast<std::size_t>(sx) * pixel, pixel);
        }
    }
}

} // namespace

AugmentOptions standardAugmentation() {
    return AugmentOptions{.cropPadding = 4, .horizontalFlip = true};
}

void augmentImages(const std::uint8_t* in, std::uint8_t* out, std::int64_t count, ImageShape shape,
                   const AugmentOptions& options, std::uint64_t seed, std::int64_t position) {
    const std::size_t bytes = shape.bytes();
    if (!options.changesImages()) {
        std::memcpy(out, in, bytes * static_cast<std::size_t>(count));
        return;
    }
    const int padding = std::clamp(options.cropPadding, 0, kMaxCropPadding);
    std::mt19937_64 random(mix(seed));
    std::uniform_int_distribution<int> offset(0, 2 * padding);
    std::bernoulli_distribution coin(0.5);
    for (std::int64_t i = -position; i < count; ++i) {
        const int dy = offset(random);
        const int dx = offset(random);
        const bool flip = options.horizontalFlip && coin(random);
        if (i < 0)
            continue; // the draws of the batch's images before `position`
        cropAndFlip(in + bytes * static_cast<std::size_t>(i),
                    out + bytes * static_cast<std::size_t>(i), shape, padding, dy, dx, flip);
    }
}

std::uint64_t batchSeed(std::uint64_t runSeed, int epoch, int batch) {
    return mix(mix(runSeed ^ mix(static_cast<std::uint64_t>(epoch))) +
               static_cast<std::uint64_t>(batch));
}

} // namespace inception
