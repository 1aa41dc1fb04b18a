#pragma once

#include "core/Cifar10Archive.hpp"
#include "core/Dataset.hpp"

#include <string>

namespace inception {

// CIFAR-10's official binary release, from a `cifar-10-batches-bin` folder or straight from
// `cifar-10-binary.tar.gz`. Records are 1 label byte + 1024 R, 1024 G, 1024 B bytes.
// Throws InputError naming the file and what is wrong.
Dataset readCifar10(const std::string& path);

// CIFAR-10's classes in label order (batches.meta.txt of the official release).
std::vector<std::string> cifar10ClassNames();

} // namespace inception
