#pragma once

#include "core/data/Dataset.hpp"
#include "core/data/readers/Cifar10Archive.hpp"

#include <string>

namespace inception {

// CIFAR-10's official binary release, from a `cifar-10-batches-bin` folder or straight from
// `cifar-10-binary.tar.gz`. Records are 1 label byte + 1024 R, 1024 G, 1024 B bytes.
// Throws InputError naming the file and what is wrong.
Dataset readCifar10(const std::string& path);
// Why `path` is no CIFAR-10 release, from the names of its files alone; empty when it looks
// like one.
std::string cifar10Problem(const std::string& path);

// CIFAR-10's classes in label order (batches.meta.txt of the official release).
std::vector<std::string> cifar10ClassNames();

} // namespace inception
