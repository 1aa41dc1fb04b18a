#pragma once

#include "core/data/DataSource.hpp"
#include "core/data/Dataset.hpp"

#include <string>
#include <vector>

namespace inception {

// MNIST-style IDX files in one folder: train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each gzipped (`.gz`) or not. Images are
// single-channel (N x H x W x 1). Class names come from `classes.txt` (one a line) when the
// folder has one, else Fashion-MNIST's when the folder's path names it, else the digits.
// Throws InputError naming the file and what is wrong.
Dataset readIdx(const std::string& folder);
// Why `folder` holds no IDX set, from the names of its files alone; empty when it looks like one.
std::string idxFolderProblem(const std::string& folder);

std::vector<std::string> fashionMnistClassNames();

} // namespace inception
