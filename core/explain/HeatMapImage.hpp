#pragma once

#include "core/explain/ExplainResults.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace inception {

using Rgb = std::array<std::uint8_t, 3>;

// The colour of a value in [0, 1] on viridis: perceptually uniform, readable with the common
// colour-vision deficiencies and in grey. Values outside are clamped.
Rgb heatColour(float value);

// The map in colour; a 1-channel image becomes RGB.
ImageBytes heatMapImage(const HeatMap& map);
// `map` (the image's size) in colour over the image, at `opacity` in [0, 1].
ImageBytes blendHeatMap(const ImageBytes& image, const HeatMap& map, float opacity);
// Each pixel repeated `factor` times each way.
ImageBytes enlarged(const ImageBytes& image, int factor);
// Images of one height side by side with `gap` white columns between them.
ImageBytes sideBySide(const std::vector<ImageBytes>& images, int gap);
// Writes a PNG atomically; throws InputError naming the path.
void writePng(const std::string& path, const ImageBytes& image);

} // namespace inception
