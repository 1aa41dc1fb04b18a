#include "core/data/readers/IdxReader.hpp"

#include "core/base/InputError.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

namespace inception {

namespace fs = std::filesystem;

namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
constexpr std::int64_t kMaxItems = 10'000'000;
constexpr std::int64_t kMaxSide = 1024;

struct GzFileCloser {
    void operator()(gzFile_s* file) const { gzclose(file); }
};

// The file's contents, inflated when gzipped (zlib reads plain files unchanged).
std::string readMaybeGzipped(const fs::path& path) {
    std::unique_ptr<gzFile_s, GzFileCloser> file(gzopen(path.c_str(), "rb"));
    if (!file)
        throw InputError(path.string(), "cannot be opened");
    std::string bytes;
    std::array<char, 1 << 16> chunk{};
    for (;;) {
        const int got = gzread(file.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
        if (got < 0) {
            int code = 0;
            throw InputError(path.string(),
                             std::string("is not readable gzip: ") + gzerror(file.get(), &code));
        }
        if (got == 0)
            break;
        bytes.append(chunk.data(), static_cast<std::size_t>(got));
        if (bytes.size() > static_cast<std::size_t>(kMaxItems) * 64 * 64)
            throw InputError(path.string(), "is larger than any IDX data set this reads");
    }
    return bytes;
}

std::uint32_t bigEndian(const std::string& bytes, std::size_t at) {
    const auto* b = reinterpret_cast<const std::uint8_t*>(bytes.data() + at);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

// An IDX file of unsigned bytes with `dimensions` dimensions: its sizes and its data.
struct IdxArray {
    std::vector<std::int64_t> sizes;
    std::string bytes;
    std::size_t offset = 0;
};

IdxArray readIdxArray(const fs::path& path, std::size_t dimensions) {
    IdxArray a;
    a.bytes = readMaybeGzipped(path);
    const std::string where = path.string();
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

// `stem` or `stem.gz`, whichever the folder has; some copies use a dot before the kind:
// train-images.idx3-ubyte.
std::optional<fs::path> findIdxFile(const fs::path& folder, const std::string& stem) {
    std::string dotted = stem;
    dotted[dotted.find("-idx")] = '.';
    std::error_code error;
    for (const auto& name : {stem, stem + ".gz", dotted, dotted + ".gz"})
        if (fs::is_regular_file(folder / name, error))
            return folder / name;
    return std::nullopt;
}

fs::path findFile(const fs::path& folder, const std::string& stem) {
    if (auto found = findIdxFile(folder, stem))
        return *found;
    throw InputError(folder.string(), "has no " + stem + " (nor " + stem + ".gz)");
}

constexpr const char* kSplitPrefixes[] = {"train", "t10k"};
constexpr const char* kFileKinds[] = {"-images-idx3-ubyte", "-labels-idx1-ubyte"};

DatasetSplit readSplit(const fs::path& folder, const std::string& prefix) {
    const fs::path imagesPath = findFile(folder, prefix + "-images-idx3-ubyte");
    const fs::path labelsPath = findFile(folder, prefix + "-labels-idx1-ubyte");
    const IdxArray images = readIdxArray(imagesPath, 3);
    const IdxArray labels = readIdxArray(labelsPath, 1);
    if (images.sizes[0] != labels.sizes[0])
        throw InputError(labelsPath.string(), "holds " + std::to_string(labels.sizes[0]) +
                                                  " labels but " + imagesPath.filename().string() +
                                                  " holds " + std::to_string(images.sizes[0]) +
                                                  " images");
    DatasetSplit split;
    const std::int64_t n = images.sizes[0];
    split.images = torch::empty({n, images.sizes[1], images.sizes[2], 1}, torch::kUInt8);
    std::memcpy(split.images.data_ptr(), images.bytes.data() + images.offset,
                static_cast<std::size_t>(split.images.numel()));
    auto labelBytes = torch::empty({n}, torch::kUInt8);
    std::memcpy(labelBytes.data_ptr(), labels.bytes.data() + labels.offset,
                static_cast<std::size_t>(n));
    split.labels = labelBytes.to(torch::kInt64);
    return split;
}

std::vector<std::string> readClassNames(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
            line.pop_back();
        if (!line.empty())
            names.push_back(line);
    }
    if (names.size() < 2)
        throw InputError(file.string(), "needs one class name a line, at least two");
    return names;
}

bool namesFashion(const fs::path& folder) {
    std::string text = fs::absolute(folder).string();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text.find("fashion") != std::string::npos;
}

} // namespace

std::vector<std::string> fashionMnistClassNames() {
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

std::string idxFolderProblem(const std::string& path) {
    std::error_code error;
    if (!fs::is_directory(path, error))
        return path +
               ": is not a folder (idx:FOLDER holding train-images-idx3-ubyte and the others)";
    for (const char* prefix : kSplitPrefixes)
        for (const char* kind : kFileKinds)
            if (const std::string stem = std::string(prefix) + kind; !findIdxFile(path, stem))
                return path + ": not an IDX folder (no " + stem + ")";
    return {};
}

Dataset readIdx(const std::string& path) {
    const fs::path folder(path);
    if (!fs::is_directory(folder))
        throw InputError(path, fs::exists(folder) ? "is not a folder (idx:FOLDER holding "
                                                    "train-images-idx3-ubyte and the others)"
                                                  : "does not exist");
    Dataset d;
    d.train = readSplit(folder, "train");
    d.test = readSplit(folder, "t10k");
    if (d.train.images.size(1) != d.test.images.size(1) ||
        d.train.images.size(2) != d.test.images.size(2))
        throw InputError(path, "training and test images differ in size");
    if (fs::is_regular_file(folder / "classes.txt"))
        d.classNames = readClassNames(folder / "classes.txt");
    else if (namesFashion(folder))
        d.classNames = fashionMnistClassNames();
    else
        for (int digit = 0; digit < 10; ++digit)
            d.classNames.push_back(std::to_string(digit));
    d.identity.kind = "idx";
    d.identity.path = fs::absolute(folder).lexically_normal().string();
    finishDataset(d);
    return d;
}

} // namespace inception
