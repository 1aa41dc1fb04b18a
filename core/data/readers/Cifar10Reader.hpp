#pragma once

#include "core/data/Dataset.hpp"
#include "core/data/readers/Cifar10Archive.hpp"
#include "core/data/readers/Cifar10Files.hpp"

#include <string>

namespace inception {

// CIFAR-10's official binary release (readCifar10Release) as a Dataset of tensors.
// Throws InputError naming the file and what is wrong.
Dataset readCifar10(const std::string& path);

} // namespace inception
