#include "core/data/readers/ImageFolderReader.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/Fnv1a.hpp"
#include "core/base/InputError.hpp"
#include "core/data/readers/ImageDecoding.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace inception {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxImages = 2'000'000;
constexpr int kMaxSide = 1024;
constexpr char kCacheMagic[8] = {'I', 'W', 'I', 'M', 'G', 'C', '0', '1'};

struct ImageFile {
    fs::path path;
    std::int64_t label = 0;
};

bool isImageName(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

std::vector<std::string> sortedFolders(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.is_directory())
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// The image files of one split, class by class, each class's files in name order.
std::vector<ImageFile> listSplit(const fs::path& split, const std::vector<std::string>& classes,
                                 std::vector<std::string>& notes) {
    std::vector<ImageFile> files;
    for (std::size_t label = 0; label < classes.size(); ++label) {
        const fs::path folder = split / classes[label];
        std::vector<fs::path> images;
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (!entry.is_regular_file())
                continue;
            if (isImageName(entry.path()))
                images.push_back(entry.path());
            else
                notes.push_back(entry.path().string() + ": skipped, not a PNG, JPEG or BMP file");
        }
        if (images.empty())
            throw InputError(folder.string(), "holds no images (PNG, JPEG or BMP)");
        std::sort(images.begin(), images.end());
        for (auto& path : images)
            files.push_back({std::move(path), static_cast<std::int64_t>(label)});
        if (files.size() > kMaxImages)
            throw InputError(split.string(),
                             "holds more than " + std::to_string(kMaxImages) + " images");
    }
    return files;
}

// Text and numbers, each number ended by ';' so that 1,23 and 12,3 differ.
struct Fingerprint {
    Fnv1a hash;
    void add(std::string_view bytes) { hash.add(bytes); }
    void add(std::int64_t number) { hash.add(std::to_string(number) + ";"); }
    std::uint64_t value() const { return hash.value(); }
};

std::string hex(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

// Every file's name, size and modification time, and the requested size: any change to the
// folder or the request makes a new fingerprint.
std::uint64_t listingFingerprint(const std::vector<ImageFile>& train,
                                 const std::vector<ImageFile>& test, ImageShape size) {
    Fingerprint f;
    f.add(size.height);
    f.add(size.width);
    f.add(size.channels);
    for (const auto* files : {&train, &test}) {
        f.add(static_cast<std::int64_t>(files->size()));
        for (const ImageFile& file : *files) {
            std::error_code error;
            f.add(file.path.string());
            f.add(file.label);
            f.add(static_cast<std::int64_t>(fs::file_size(file.path, error)));
            f.add(static_cast<std::int64_t>(
                fs::last_write_time(file.path, error).time_since_epoch().count()));
        }
    }
    return f.value();
}

// The size to decode to: the request's, with the first readable image filling what it leaves 0.
ImageShape decideSize(const std::vector<ImageFile>& files, ImageShape requested) {
    ImageShape size = requested;
    if (size.channels == 0)
        size.channels = 3;
    if (size.height > 0 && size.width > 0)
        return size;
    for (const ImageFile& file : files) {
        const auto [height, width] = decodedImageSize(file.path.string(), size.channels);
        if (height == 0)
            continue;
        if (size.height <= 0)
            size.height = std::min(height, kMaxSide);
        if (size.width <= 0)
            size.width = std::min(width, kMaxSide);
        return size;
    }
    throw InputError(files.empty() ? std::string("(no files)") : files.front().path.string(),
                     "no image in the folder can be decoded");
}

// Decodes every file into an N x H x W x C tensor on all cores; unreadable files are noted
// and left out.
DatasetSplit decodeSplit(const std::vector<ImageFile>& files, ImageShape size,
                         std::vector<std::string>& notes, std::int64_t& resized) {
    const auto n = static_cast<std::int64_t>(files.size());
    auto images = torch::empty({n, size.height, size.width, size.channels}, torch::kUInt8);
    std::vector<char> readable(files.size(), 0);
    std::vector<char> wasResized(files.size(), 0);
    auto* out = images.data_ptr<std::uint8_t>();
    const std::size_t bytes = size.bytes();
    std::atomic<std::size_t> nextFile{0};
    auto work = [&] {
        for (std::size_t i = nextFile++; i < files.size(); i = nextFile++) {
            bool resizedThis = false;
            if (!decodeImageInto(files[i].path.string(), size, out + bytes * i, resizedThis))
                continue;
            wasResized[i] = resizedThis ? 1 : 0;
            readable[i] = 1;
        }
    };
    const unsigned workers = std::max(1U, std::min(16U, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < workers; ++t)
        threads.emplace_back(work);
    work();
    for (auto& thread : threads)
        thread.join();

    std::vector<std::int64_t> keep, labels;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (readable[i]) {
            keep.push_back(static_cast<std::int64_t>(i));
            labels.push_back(files[i].label);
            resized += wasResized[i];
        } else {
            notes.push_back(files[i].path.string() + ": skipped, not a readable image");
        }
    }
    DatasetSplit split;
    split.labels = torch::tensor(labels, torch::kInt64);
    split.images = static_cast<std::int64_t>(keep.size()) == n
                       ? images
                       : images.index_select(0, torch::tensor(keep, torch::kInt64)).contiguous();
    return split;
}

fs::path cachePath(const fs::path& root, ImageShape size) {
    Fingerprint f;
    f.add(fs::absolute(root).lexically_normal().string());
    f.add(size.height);
    f.add(size.width);
    f.add(size.channels);
    return fs::path(imageCacheFolder()) / "image-folders" / (hex(f.value()) + ".bin");
}

// Cache file: magic, fingerprint (u64), header size (u32), JSON header, then per split the
// labels (int64) and the images (bytes). Written and read straight from the tensors: no copy
// of the whole set in between.
void writeCache(const fs::path& path, std::uint64_t fingerprint, const Dataset& d) {
    const std::string header =
        json{
            {"classes", d.classNames},
            {"notes", d.notes},
            {"shape", {d.height(), d.width(), d.channels()}},
            {"counts", {d.train.size(), d.test.size()}},
        }
            .dump();
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    writeThroughTemporary(path.string(), [&](const std::string& temporary) {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const auto headerSize = static_cast<std::uint32_t>(header.size());
        out.write(kCacheMagic, sizeof kCacheMagic);
        out.write(reinterpret_cast<const char*>(&fingerprint), sizeof fingerprint);
        out.write(reinterpret_cast<const char*>(&headerSize), sizeof headerSize);
        out << header;
        for (const DatasetSplit* split : {&d.train, &d.test})
            for (const torch::Tensor& t : {split->labels, split->images})
                out.write(static_cast<const char*>(t.data_ptr()),
                          static_cast<std::streamsize>(t.nbytes()));
        if (!out.flush())
            throw InputError(path.string(), "cannot be written");
    });
}

// The cached decode when the file is there, whole, and of this listing; empty otherwise.
std::optional<Dataset> readCache(const fs::path& path, std::uint64_t fingerprint) {
    std::ifstream in(path, std::ios::binary);
    char magic[sizeof kCacheMagic] = {};
    std::uint64_t stored = 0;
    std::uint32_t headerSize = 0;
    in.read(magic, sizeof magic);
    in.read(reinterpret_cast<char*>(&stored), sizeof stored);
    in.read(reinterpret_cast<char*>(&headerSize), sizeof headerSize);
    if (!in || std::memcmp(magic, kCacheMagic, sizeof magic) != 0 || stored != fingerprint ||
        headerSize > (1U << 30))
        return std::nullopt;
    std::string headerText(headerSize, '\0');
    if (!in.read(headerText.data(), headerSize))
        return std::nullopt;
    try {
        const json header = json::parse(headerText);
        Dataset d;
        d.classNames = header.at("classes").get<std::vector<std::string>>();
        d.notes = header.at("notes").get<std::vector<std::string>>();
        const auto shape = header.at("shape").get<std::vector<std::int64_t>>();
        const auto counts = header.at("counts").get<std::vector<std::int64_t>>();
        if (shape.size() != 3 || counts.size() != 2 || counts[0] < 0 || counts[1] < 0)
            return std::nullopt;
        for (int s = 0; s < 2; ++s) {
            DatasetSplit& split = s == 0 ? d.train : d.test;
            const std::int64_t n = counts[static_cast<std::size_t>(s)];
            split.labels = torch::empty({n}, torch::kInt64);
            split.images = torch::empty({n, shape[0], shape[1], shape[2]}, torch::kUInt8);
            for (const torch::Tensor& t : {split.labels, split.images})
                if (!in.read(static_cast<char*>(t.data_ptr()),
                             static_cast<std::streamsize>(t.nbytes())))
                    return std::nullopt;
        }
        return in.peek() == std::char_traits<char>::eof() ? std::optional<Dataset>(std::move(d))
                                                          : std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::string imageCacheFolder() {
    if (const char* explicitFolder = std::getenv("INCEPTION_CACHE_DIR");
        explicitFolder && *explicitFolder)
        return explicitFolder;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "inception-workbench").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : "/tmp") / ".cache" / "inception-workbench").string();
}

std::string imageFolderProblem(const std::string& rootText) {
    std::error_code error;
    if (!fs::is_directory(rootText, error))
        return rootText + ": is not a folder";
    for (const char* split : {"train", "test"})
        if (!fs::is_directory(fs::path(rootText) / split, error))
            return rootText + ": not an image folder (no " + split +
                   "/ folder with one folder per class)";
    return {};
}

Dataset readImageFolder(const std::string& rootText, ImageShape requested) {
    const fs::path root(rootText);
    if (!fs::is_directory(root))
        throw InputError(rootText, fs::exists(root) ? "is not a folder" : "does not exist");
    const fs::path trainFolder = root / "train", testFolder = root / "test";
    for (const auto& split : {trainFolder, testFolder})
        if (!fs::is_directory(split))
            throw InputError(rootText, "needs train/ and test/ folders, each with one folder per "
                                       "class (no " +
                                           split.filename().string() + "/)");
    const auto classes = sortedFolders(trainFolder);
    const auto testClasses = sortedFolders(testFolder);
    if (classes.size() < 2)
        throw InputError(trainFolder.string(), "needs at least two class folders, found " +
                                                   std::to_string(classes.size()));
    for (const auto& name : classes)
        if (!std::binary_search(testClasses.begin(), testClasses.end(), name))
            throw InputError(testFolder.string(),
                             "has no folder for class '" + name + "', which train/ has");
    for (const auto& name : testClasses)
        if (!std::binary_search(classes.begin(), classes.end(), name))
            throw InputError(trainFolder.string(),
                             "has no folder for class '" + name + "', which test/ has");

    std::vector<std::string> notes;
    const auto trainFiles = listSplit(trainFolder, classes, notes);
    const auto testFiles = listSplit(testFolder, classes, notes);
    const std::uint64_t fingerprint = listingFingerprint(trainFiles, testFiles, requested);
    const fs::path cache = cachePath(root, requested);

    Dataset d;
    if (auto cached = readCache(cache, fingerprint)) {
        d = std::move(*cached);
    } else {
        const ImageShape size = decideSize(trainFiles, requested);
        std::int64_t resized = 0;
        d.train = decodeSplit(trainFiles, size, notes, resized);
        d.test = decodeSplit(testFiles, size, notes, resized);
        if (d.train.size() == 0 || d.test.size() == 0)
            throw InputError(rootText, std::string("no readable images in ") +
                                           (d.train.size() == 0 ? "train/" : "test/"));
        if (resized > 0)
            notes.push_back(rootText + ": " + std::to_string(resized) + " images resized to " +
                            std::to_string(size.width) + "x" + std::to_string(size.height));
        d.classNames = classes;
        d.notes = notes;
        try {
            writeCache(cache, fingerprint, d);
        } catch (const std::exception& e) {
            d.notes.push_back(cache.string() + ": the decoded images are not cached: " + e.what());
        }
    }
    d.identity.kind = "folder";
    d.identity.path = fs::absolute(root).lexically_normal().string();
    finishDataset(d);
    return d;
}

} // namespace inception
