#include "core/data/readers/IdxFile.hpp"

#include "core/base/InputError.hpp"

#include <zlib.h>

#include <array>
#include <memory>

namespace inception {

namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr std::int64_t kMaxItems = 10'000'000;
constexpr std::int64_t kMaxSide = 1024;

struct GzFileCloser {
    void operator()(gzFile_s* file) const { gzclose(file); }
};

// The file's contents, inflated when gzipped (zlib reads plain files unchanged).
std::string readMaybeGzipped(const std::string& path) {
    std::unique_ptr<gzFile_s, GzFileCloser> file(gzopen(path.c_str(), "rb"));
    if (!file)
        throw InputError(path, "cannot be opened");
    std::string bytes;
    std::array<char, 1 << 16> chunk{};
    for (;;) {
        const int got = gzread(file.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
        if (got < 0) {
            int code = 0;
            throw InputError(path,
                             std::string("is not readable gzip: ") + gzerror(file.get(), &code));
        }
        if (got == 0)
            break;
        bytes.append(chunk.data(), static_cast<std::size_t>(got));
        if (bytes.size() > static_cast<std::size_t>(kMaxItems) * 64 * 64)
            throw InputError(path, "is larger than any IDX data set this reads");
    }
    return bytes;
}

std::uint32_t bigEndian(const std::string& bytes, std::size_t at) {
    const auto* b = reinterpret_cast<const std::uint8_t*>(bytes.data() + at);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

} // namespace

IdxArray readIdxArray(const std::string& where, std::size_t dimensions) {
    IdxArray a;
    a.bytes = readMaybeGzipped(where);
    if (a.bytes.size() < 4 || a.bytes[0] != 0 || a.bytes[1] != 0)
        throw InputError(where, "is not an IDX file (it does not start with two zero bytes)");
    if (static_cast<std::uint8_t>(a.bytes[2]) != kUnsignedByte)
        throw InputError(where, "holds IDX type " + std::to_string(std::uint8_t(a.bytes[2])) +
                                    "; only unsigned bytes (8) are read");
    const auto found = static_cast<std::size_t>(static_cast<std::uint8_t>(a.bytes[3]));
    if (found != dimensions)
        throw InputError(where, "has " + std::to_string(found) + " dimensions, expected " +
                                    std::to_string(dimensions));
    a.offset = 4 + 4 * dimensions;
    if (a.bytes.size() < a.offset)
        throw InputError(where, "ends inside its header");
    std::int64_t expected = 1;
    for (std::size_t d = 0; d < dimensions; ++d) {
        const auto size = static_cast<std::int64_t>(bigEndian(a.bytes, 4 + 4 * d));
        if (size < 1 || size > (d == 0 ? kMaxItems : kMaxSide))
            throw InputError(where, "dimension " + std::to_string(d) + " of size " +
                                        std::to_string(size) + " is out of range");
        a.sizes.push_back(size);
        expected *= size;
    }
    const auto actual = static_cast<std::int64_t>(a.bytes.size() - a.offset);
    if (actual != expected)
        throw InputError(where, "its header promises " + std::to_string(expected) +
                                    " bytes of data but the file holds " + std::to_string(actual) +
                                    " (truncated or mislabelled)");
    return a;
}

} // namespace inception
