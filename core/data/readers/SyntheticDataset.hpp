#pragma once

#include "core/data/Dataset.hpp"

#include <cstdint>

namespace inception {

struct SyntheticOptions {
    int trainPerClass = 100;
    int testPerClass = 0; // 0: a quarter of trainPerClass, at least 10
    int side = 32;
    std::uint64_t seed = 7;
};

// Ten classes of coloured shapes (circle, square, triangle, ...) on noisy backgrounds, in
// random colours, sizes and places. The same options give the same bytes everywhere.
Dataset makeSyntheticDataset(const SyntheticOptions& options);

} // namespace inception
