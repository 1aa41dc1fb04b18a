// An IDX file, plain or gzipped (zlib tells them apart): the first byte picks the dimensions
// expected (1 to 3: labels, -, images), the rest is the file.
#include "core/data/readers/IdxFile.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::size_t dimensions = 1 + data[0] % 3;
    const auto path = inception::fuzz::writeScratch(
        "train-images-idx3-ubyte", {reinterpret_cast<const char*>(data) + 1, size - 1});
    inception::fuzz::acceptOrRefuse([&] {
        const inception::IdxArray a = inception::readIdxArray(path.string(), dimensions);
        std::int64_t elements = 1;
        for (const std::int64_t s : a.sizes)
            elements *= s;
        if (a.bytes.size() - a.offset != static_cast<std::size_t>(elements))
            std::abort(); // an accepted file holds exactly what its header promises
    });
    return 0;
}
