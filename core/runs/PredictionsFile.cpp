#include "core/runs/PredictionsFile.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

namespace inception {

namespace {

static_assert(std::endian::native == std::endian::little, "predictions files are little-endian");

constexpr char kMagic[8] = {'I', 'W', 'P', 'R', 'E', 'D', '0', '1'};
constexpr std::size_t kHeaderBytes = 8 + 3 * 4;
constexpr std::size_t kRecordBytes = 4 + 2 + 2 + kTopPredictions * (2 + 4);

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
    std::string bytes(kMagic, sizeof kMagic);
    bytes.reserve(kHeaderBytes + predictions.size() * kRecordBytes);
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
    if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw InputError(path, "is not a predictions file");
    const char* cursor = bytes.data() + sizeof kMagic;
    const auto count = take<std::uint32_t>(cursor);
    const auto k = take<std::uint32_t>(cursor);
    take<std::uint32_t>(cursor); // classes
    if (k != kTopPredictions || bytes.size() != kHeaderBytes + std::size_t{count} * kRecordBytes)
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
    }
    return out;
}

} // namespace inception
