#pragma once

#include "core/data/Augmentation.hpp"
#include "core/data/Dataset.hpp"
#include "core/data/readers/ImageDecoding.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// An image folder: `root/train/<class>/*` and `root/test/<class>/*` (PNG, JPEG, BMP), the classes
// in name order. Images are decoded with OpenCV on every core and resized to `size` (each side 0:
// the first image's size; channels 0: colour, 1: grey). Files that are not images, or do not
// decode, are skipped and listed in Dataset::notes. The decoded set is cached under
// imageCacheFolder(): a second load of an unchanged folder reads one file.
// Throws InputError naming the folder or file and what is wrong.
Dataset readImageFolder(const std::string& root, ImageShape size = {});
// Why `root` is no image folder, from its folder names alone; empty when it looks like one.
std::string imageFolderProblem(const std::string& root);

// $INCEPTION_CACHE_DIR, else $XDG_CACHE_HOME/inception-workbench, else
// ~/.cache/inception-workbench.
std::string imageCacheFolder();

} // namespace inception
