#pragma once

#include "core/Dataset.hpp"

#include <string>
#include <vector>

namespace inception {

// MNIST-style IDX files in one folder: train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each gzipped (`.gz`) or not. Images are
// single-channel (N x H x W x 1). Class names come from `classes.txt` (one a line) when the
// folder has one, else Fashion-MNIST's when the folder's path names it, else the digits.
// Throws InputError naming the file and what is wrong.
Dataset readIdx(const std::string& folder);

// Where Debian's dataset-fashion-mnist package puts the files.
inline constexpr const char* kDebianFashionMnist = "/usr/share/datasets/fashion-mnist";

std::vector<std::string> fashionMnistClassNames();

} // namespace inception
