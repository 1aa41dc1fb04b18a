#pragma once

#include "core/data/Augmentation.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace inception {

// The largest image decoded: a photo of 64 megapixels. Its header is read before OpenCV sees
// the file, so a small file claiming a vast image is refused without the allocation.
inline constexpr std::int64_t kMaxImagePixels = std::int64_t{64} << 20;

// Why `bytes` are not an image this decodes, from the header alone: not PNG, JPEG or BMP by
// their signatures, no size found, or a size beyond kMaxImagePixels. Empty when they may be.
std::string imageHeaderProblem(std::string_view bytes);

// One image file decoded and resized as the folders' images are: height x width x channels,
// RGB order. The header is checked (imageHeaderProblem) before OpenCV decodes. Throws
// InputError naming the file when it cannot be read or decoded.
std::vector<std::uint8_t> decodeImageFile(const std::string& path, ImageShape size);

// Decodes `path` at `size` into `out` (size.bytes()); false when it does not decode. `resized`
// says whether it was scaled. `size`'s sides must be set.
bool decodeImageInto(const std::string& path, ImageShape size, std::uint8_t* out, bool& resized);
// The image's own height and width, decoded; {0, 0} when it does not decode.
std::pair<int, int> decodedImageSize(const std::string& path, int channels);

} // namespace inception
