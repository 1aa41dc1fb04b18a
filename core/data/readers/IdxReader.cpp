#include "core/data/readers/IdxReader.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/IdxFile.hpp"

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
    const IdxArray images = readIdxArray(imagesPath.string(), 3);
    const IdxArray labels = readIdxArray(labelsPath.string(), 1);
    if (images.sizes[0] != labels.sizes[0])
        throw InputError(labelsPath.string(), "holds " + std::to_string(labels.sizes[0]) +
                                                  " labels but " + imagesPath.filename().string() +
                                                  " holds " + std::to_string(images.sizes[0]) +
                                                  " images");
    DatasetSplit split;
    const std::int64_t n = images.sizes[0];
    split.images = torch::empty({n, images.sizes[1], images.sizes[2], 1}, torch::kUInt8);
    std::memcpy(split.images.data_ptr(), images.data(),
                static_cast<std::size_t>(split.images.numel()));
    auto labelBytes = torch::empty({n}, torch::kUInt8);
    std::memcpy(labelBytes.data_ptr(), labels.data(), static_cast<std::size_t>(n));
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
