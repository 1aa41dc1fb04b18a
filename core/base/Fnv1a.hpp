#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace inception {

// FNV-1a, 64 bits: a fingerprint of bytes (a file listing, the weights of every rank), not a
// security measure.
class Fnv1a {
public:
    void add(const void* bytes, std::size_t size) {
        const auto* data = static_cast<const unsigned char*>(bytes);
        for (std::size_t i = 0; i < size; ++i) {
            value_ ^= data[i];
            value_ *= kPrime;
        }
    }
    void add(std::string_view text) { add(text.data(), text.size()); }

    std::uint64_t value() const { return value_; }

private:
    static constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
    static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
    std::uint64_t value_ = kOffsetBasis;
};

} // namespace inception
