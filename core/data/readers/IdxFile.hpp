#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// One MNIST-style IDX file of unsigned bytes, gzipped or not, read and checked without
// LibTorch (the fuzz build reads it so): its sizes and its data.
struct IdxArray {
    std::vector<std::int64_t> sizes;
    std::string bytes;      // the whole file, inflated
    std::size_t offset = 0; // where the data starts in `bytes`

    const std::uint8_t* data() const {
        return reinterpret_cast<const std::uint8_t*>(bytes.data()) + offset;
    }
};

// Throws InputError naming `path` unless it holds `dimensions` dimensions of unsigned bytes,
// each size in range, and exactly the data its header promises.
IdxArray readIdxArray(const std::string& path, std::size_t dimensions);

} // namespace inception
