#include "core/data/readers/ImageDecoding.hpp"

#include "core/base/InputError.hpp"

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

namespace inception {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxImageFileBytes = std::uintmax_t{256} << 20;

struct DeclaredSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

std::uint32_t bigEndian(std::string_view b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8) | static_cast<std::uint8_t>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

std::int32_t littleEndian32(std::string_view b, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | static_cast<std::uint8_t>(b[at + static_cast<std::size_t>(i)]);
    return static_cast<std::int32_t>(v);
}

std::optional<DeclaredSize> pngSize(std::string_view b) {
    // Signature, then the IHDR chunk: length, "IHDR", width, height.
    if (b.size() < 24 || b.substr(12, 4) != "IHDR")
        return std::nullopt;
    return DeclaredSize{bigEndian(b, 16, 4), bigEndian(b, 20, 4)};
}

std::optional<DeclaredSize> jpegSize(std::string_view b) {
    // Segments after SOI: FF marker, big-endian length (itself included); the first start of
    // frame (SOF0-SOF15 but DHT C4, JPG C8, DAC CC) holds precision, height, width.
    std::size_t at = 2;
    while (at + 4 <= b.size()) {
        if (static_cast<std::uint8_t>(b[at]) != 0xff)
            return std::nullopt;
        const auto marker = static_cast<std::uint8_t>(b[at + 1]);
        if (marker == 0xff) { // fill byte
            ++at;
            continue;
        }
        const std::uint32_t length = bigEndian(b, at + 2, 2);
        if (length < 2)
            return std::nullopt;
        const bool startOfFrame =
            marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (startOfFrame) {
            if (length < 7 || at + 9 > b.size())
                return std::nullopt;
            return DeclaredSize{bigEndian(b, at + 7, 2), bigEndian(b, at + 5, 2)};
        }
        if (marker == 0xda || marker == 0xd9) // scan data or the end before any frame
            return std::nullopt;
        at += 2 + length;
    }
    return std::nullopt;
}

std::optional<DeclaredSize> bmpSize(std::string_view b) {
    // File header (14 bytes), then the info header: its size, then width and height (signed;
    // a negative height is a top-down image). The 12-byte OS/2 core header has 16-bit sides.
    if (b.size() < 26)
        return std::nullopt;
    if (littleEndian32(b, 14) == 12)
        return DeclaredSize{
            static_cast<std::uint8_t>(b[18]) | static_cast<std::uint8_t>(b[19]) << 8,
            static_cast<std::uint8_t>(b[20]) | static_cast<std::uint8_t>(b[21]) << 8};
    const std::int64_t height = littleEndian32(b, 22);
    return DeclaredSize{littleEndian32(b, 18), height < 0 ? -height : height};
}

std::string readImageBytes(const std::string& path) {
    std::error_code error;
    if (!fs::is_regular_file(path, error))
        throw InputError(path, "is not a readable file");
    const auto size = fs::file_size(path, error);
    if (error || size > kMaxImageFileBytes)
        throw InputError(path, "is larger than any image this reads (256 MB)");
    std::ifstream in(path, std::ios::binary);
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
        throw InputError(path, "cannot be read");
    return bytes;
}

// Decodes bytes whose header was checked: BGR or grey, empty when OpenCV cannot. OpenCV's own
// warnings stay off the terminal: the caller names the file that did not decode.
cv::Mat decodeChecked(const std::string& bytes, int channels) {
    [[maybe_unused]] static const bool quiet = [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
        return true;
    }();
    try {
        const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U,
                             const_cast<char*>(bytes.data()));
        return cv::imdecode(buffer, channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
        return {};
    }
}

// The file decoded; empty when it cannot be read, its header is refused or it does not decode.
cv::Mat decode(const std::string& path, int channels) {
    try {
        const std::string bytes = readImageBytes(path);
        return imageHeaderProblem(bytes).empty() ? decodeChecked(bytes, channels) : cv::Mat();
    } catch (const InputError&) {
        return {};
    }
}

// `image` at `size` into `out` (size.bytes(), RGB order); `resized` says whether it was scaled.
void packInto(const cv::Mat& image, ImageShape size, std::uint8_t* out, bool& resized) {
    cv::Mat rgb, scaled;
    const cv::Mat* source = &image;
    resized = image.rows != size.height || image.cols != size.width;
    if (resized) {
        const bool shrinking = image.rows > size.height || image.cols > size.width;
        cv::resize(image, scaled, cv::Size(size.width, size.height), 0, 0,
                   shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        source = &scaled;
    }
    if (size.channels == 3) {
        cv::cvtColor(*source, rgb, cv::COLOR_BGR2RGB);
        source = &rgb;
    }
    const cv::Mat packed = source->isContinuous() ? *source : source->clone();
    std::memcpy(out, packed.data, size.bytes());
}

} // namespace

std::string imageHeaderProblem(std::string_view bytes) {
    std::optional<DeclaredSize> size;
    if (bytes.starts_with("\x89PNG\r\n\x1a\n"))
        size = pngSize(bytes);
    else if (bytes.starts_with("\xff\xd8"))
        size = jpegSize(bytes);
    else if (bytes.starts_with("BM"))
        size = bmpSize(bytes);
    else
        return "not a PNG, JPEG or BMP image";
    if (!size)
        return "its header gives no image size";
    if (size->width < 1 || size->height < 1 || size->width > kMaxImagePixels / size->height)
        return "its header declares " + std::to_string(size->width) + "x" +
               std::to_string(size->height) + " pixels (at most " +
               std::to_string(kMaxImagePixels >> 20) + " megapixels are read)";
    return {};
}

bool decodeImageInto(const std::string& path, ImageShape size, std::uint8_t* out, bool& resized) {
    const cv::Mat image = decode(path, size.channels);
    if (image.empty())
        return false;
    packInto(image, size, out, resized);
    return true;
}

std::pair<int, int> decodedImageSize(const std::string& path, int channels) {
    const cv::Mat image = decode(path, channels);
    return {image.rows, image.cols};
}

std::vector<std::uint8_t> decodeImageFile(const std::string& path, ImageShape size) {
    const std::string bytes = readImageBytes(path);
    if (const std::string problem = imageHeaderProblem(bytes); !problem.empty())
        throw InputError(path, "cannot be decoded as an image: " + problem);
    const cv::Mat image = decodeChecked(bytes, size.channels);
    std::vector<std::uint8_t> pixels(size.bytes());
    if (image.empty() || pixels.empty())
        throw InputError(path, "cannot be decoded as an image (PNG, JPEG, BMP)");
    bool resized = false;
    packInto(image, size, pixels.data(), resized);
    return pixels;
}

} // namespace inception
