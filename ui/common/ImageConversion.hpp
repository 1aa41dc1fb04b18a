#pragma once

#include "core/data/Augmentation.hpp"

#include <QImage>

#include <cstdint>

namespace inception::ui {

// One H x W x C image of bytes (C = 1 grey, 3 RGB) as a QImage that owns a copy.
inline QImage toQImage(const std::uint8_t* pixels, ImageShape shape) {
    const QImage::Format format =
        shape.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    return QImage(pixels, shape.width, shape.height, shape.width * shape.channels, format).copy();
}

} // namespace inception::ui
