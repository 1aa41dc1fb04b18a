#include "core/explain/HeatMapImage.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace inception {

namespace {

// OpenCV's viridis, read once into a table.
std::array<Rgb, 256> viridisTable() {
    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i)
        ramp.at<std::uint8_t>(0, i) = static_cast<std::uint8_t>(i);
    cv::Mat coloured;
    cv::applyColorMap(ramp, coloured, cv::COLORMAP_VIRIDIS);
    std::array<Rgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const auto bgr = coloured.at<cv::Vec3b>(0, i);
        table[static_cast<std::size_t>(i)] = {bgr[2], bgr[1], bgr[0]};
    }
    return table;
}

std::uint8_t channelOf(const ImageBytes& image, std::size_t pixel, int c) {
    return image.pixels[pixel * static_cast<std::size_t>(image.channels) +
                        static_cast<std::size_t>(image.channels == 1 ? 0 : c)];
}

} // namespace

Rgb heatColour(float value) {
    static const std::array<Rgb, 256> table = viridisTable();
    const float v = std::isfinite(value) ? std::clamp(value, 0.0f, 1.0f) : 0.0f;
    return table[static_cast<std::size_t>(std::lround(v * 255.0f))];
}

ImageBytes heatMapImage(const HeatMap& map) {
    ImageBytes out{map.height, map.width, 3, {}};
    out.pixels.reserve(map.values.size() * 3);
    for (const float v : map.values) {
        const Rgb c = heatColour(v);
        out.pixels.insert(out.pixels.end(), c.begin(), c.end());
    }
    return out;
}

ImageBytes blendHeatMap(const ImageBytes& image, const HeatMap& map, float opacity) {
    ImageBytes out{image.height, image.width, 3, {}};
    const auto pixels =
        static_cast<std::size_t>(image.height) * static_cast<std::size_t>(image.width);
    out.pixels.resize(pixels * 3);
    const float a = std::clamp(opacity, 0.0f, 1.0f);
    for (std::size_t i = 0; i < pixels; ++i) {
        const Rgb heat = heatColour(i < map.values.size() ? map.values[i] : 0.0f);
        for (int c = 0; c < 3; ++c)
            out.pixels[i * 3 + static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(std::lround(
                (1 - a) * channelOf(image, i, c) + a * heat[static_cast<std::size_t>(c)]));
    }
    return out;
}

ImageBytes enlarged(const ImageBytes& image, int factor) {
    ImageBytes out{image.height * factor, image.width * factor, image.channels, {}};
    out.pixels.resize(static_cast<std::size_t>(out.height) * static_cast<std::size_t>(out.width) *
                      static_cast<std::size_t>(out.channels));
    const auto channels = static_cast<std::size_t>(image.channels);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            const auto from =
                (static_cast<std::size_t>(y / factor) * static_cast<std::size_t>(image.width) +
                 static_cast<std::size_t>(x / factor)) *
                channels;
            const auto to = (static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) +
                             static_cast<std::size_t>(x)) *
                            channels;
            std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(from), channels,
                        out.pixels.begin() + static_cast<std::ptrdiff_t>(to));
        }
    return out;
}

ImageBytes sideBySide(const std::vector<ImageBytes>& images, int gap) {
    ImageBytes out{images.empty() ? 0 : images.front().height, 0, 3, {}};
    for (const ImageBytes& image : images)
        out.width += image.width;
    out.width += gap * std::max(0, static_cast<int>(images.size()) - 1);
    out.pixels.assign(
        static_cast<std::size_t>(out.height) * static_cast<std::size_t>(out.width) * 3, 255);
    int left = 0;
    for (const ImageBytes& image : images) {
        for (int y = 0; y < std::min(image.height, out.height); ++y)
            for (int x = 0; x < image.width; ++x) {
                const auto pixel =
                    static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                    static_cast<std::size_t>(x);
                const auto to = (static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) +
                                 static_cast<std::size_t>(left + x)) *
                                3;
                for (int c = 0; c < 3; ++c)
                    out.pixels[to + static_cast<std::size_t>(c)] = channelOf(image, pixel, c);
            }
        left += image.width + gap;
    }
    return out;
}

void writePng(const std::string& path, const ImageBytes& image) {
    cv::Mat rgb(image.height, image.width, image.channels == 1 ? CV_8UC1 : CV_8UC3,
                const_cast<std::uint8_t*>(image.pixels.data()));
    cv::Mat bgr;
    if (image.channels == 3)
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    else
        bgr = rgb;
    std::vector<std::uint8_t> encoded;
    if (!cv::imencode(".png", bgr, encoded))
        throw InputError(path, "the image could not be encoded as PNG");
    writeFileAtomically(
        path, std::string_view(reinterpret_cast<const char*>(encoded.data()), encoded.size()));
}

} // namespace inception
