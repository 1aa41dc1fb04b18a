#include "core/runs/PredictionsFile.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

namespace inception {

namespace {

static_assert(std::endian::native == std::endian::little, "predictions files are little-endian");

// Version 1 keeps the top classes; version 2 adds every class's probability.
constexpr char kMagicV1[8] = {'I', 'W', 'P', 'R', 'E', 'D', '0', '1'};
constexpr char kMagicV2[8] = {'I', 'W', 'P', 'R', 'E', 'D', '0', '2'};
constexpr std::size_t kHeaderBytes = 8 + 3 * 4;
constexpr std::size_t kTopRecordBytes = 4 + 2 + 2 + kTopPredictions * (2 + 4);

std::size_t recordBytes(bool everyClass, std::uint32_t classes) {
    return kTopRecordBytes + (everyClass ? std::size_t{classes} * 4 : 0);
}

template <typename T> void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

template <typename T> T take(const char*& in) {
    T value;
    std::memcpy(&value, in, sizeof(T));
    in += sizeof(T);
    return value;
}

} // namespace

void writePredictions(const std::string& path, const std::vector<SamplePrediction>& predictions,
                      int classes) {
    const bool everyClass =
        std::all_of(predictions.begin(), predictions.end(), [classes](const SamplePrediction& p) {
            return p.probabilities.size() == static_cast<std::size_t>(classes);
        });
    std::string bytes(everyClass ? kMagicV2 : kMagicV1, 8);
    bytes.reserve(kHeaderBytes + predictions.size() *
                                     recordBytes(everyClass, static_cast<std::uint32_t>(classes)));
    put<std::uint32_t>(bytes, static_cast<std::uint32_t>(predictions.size()));
    put<std::uint32_t>(bytes, kTopPredictions);
    put<std::uint32_t>(bytes, static_cast<std::uint32_t>(classes));
    for (const SamplePrediction& p : predictions) {
        put(bytes, p.index);
        put(bytes, p.trueClass);
        put(bytes, p.predicted);
        for (auto c : p.topClasses)
            put(bytes, c);
        for (auto q : p.topProbabilities)
            put(bytes, q);
        if (everyClass)
            for (auto q : p.probabilities)
                put(bytes, q);
    }
    writeFileAtomically(path, bytes);
}

std::vector<SamplePrediction> readPredictions(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "cannot be opened");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = buffer.str();
    const bool v1 = bytes.size() >= kHeaderBytes && std::memcmp(bytes.data(), kMagicV1, 8) == 0;
    const bool v2 = bytes.size() >= kHeaderBytes && std::memcmp(bytes.data(), kMagicV2, 8) == 0;
    if (!v1 && !v2)
        throw InputError(path, "is not a predictions file");
    const char* cursor = bytes.data() + 8;
    const auto count = take<std::uint32_t>(cursor);
    const auto k = take<std::uint32_t>(cursor);
    const auto classes = take<std::uint32_t>(cursor);
    if (k != kTopPredictions || (v2 && (classes == 0 || classes > 0x7fff)) ||
        bytes.size() != kHeaderBytes + std::size_t{count} * recordBytes(v2, classes))
        throw InputError(path, "is truncated or of another version");
    std::vector<SamplePrediction> out(count);
    for (auto& p : out) {
        p.index = take<std::int32_t>(cursor);
        p.trueClass = take<std::int16_t>(cursor);
        p.predicted = take<std::int16_t>(cursor);
        for (auto& c : p.topClasses)
            c = take<std::int16_t>(cursor);
        for (auto& q : p.topProbabilities)
            q = take<float>(cursor);
        if (v2) {
            p.probabilities.resize(classes);
            for (auto& q : p.probabilities)
                q = take<float>(cursor);
        }
    }
    return out;
}

} // namespace inception
