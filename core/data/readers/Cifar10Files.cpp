#include "core/data/readers/Cifar10Files.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/Cifar10Archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace inception {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kMaxFileBytes = std::int64_t{1} << 31;

const std::vector<std::string> kTrainFiles = {"data_batch_1.bin", "data_batch_2.bin",
                                              "data_batch_3.bin", "data_batch_4.bin",
                                              "data_batch_5.bin"};
const std::string kTestFile = "test_batch.bin";
const std::string kMetaFile = "batches.meta.txt";

using FileMap = std::map<std::string, std::string>; // file name -> bytes

bool isBatchOrMeta(const std::string& name) {
    return name == kTestFile || name == kMetaFile ||
           std::find(kTrainFiles.begin(), kTrainFiles.end(), name) != kTrainFiles.end();
}

Cifar10Batch checkedBatch(std::string where, std::string bytes, int classes) {
    if (bytes.empty() || bytes.size() % kCifar10RecordBytes != 0)
        throw InputError(where, "size " + std::to_string(bytes.size()) +
                                    " bytes is not a whole number of " +
                                    std::to_string(kCifar10RecordBytes) +
                                    "-byte records (truncated or not a CIFAR-10 batch)");
    const auto records = static_cast<std::int64_t>(bytes.size()) / kCifar10RecordBytes;
    const auto* in = reinterpret_cast<const std::uint8_t*>(bytes.data());
    for (std::int64_t r = 0; r < records; ++r)
        if (in[r * kCifar10RecordBytes] >= classes)
            throw InputError(where, "record " + std::to_string(r) + " has label " +
                                        std::to_string(in[r * kCifar10RecordBytes]) +
                                        ", outside the " + std::to_string(classes) + " classes");
    return {std::move(where), std::move(bytes), records};
}

std::vector<std::string> parseClassNames(const std::string& text, const std::string& where) {
    std::vector<std::string> names;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty())
            names.push_back(line);
    }
    if (names.size() < 2 || names.size() > 255)
        throw InputError(where, "expected one class name a line (2 to 255), found " +
                                    std::to_string(names.size()));
    return names;
}

Cifar10Release assemble(FileMap& files, const std::string& where) {
    const auto take = [&](const std::string& name) {
        const auto it = files.find(name);
        if (it == files.end())
            throw InputError(where + "/" + name, "missing from the CIFAR-10 data");
        return std::move(it->second);
    };
    Cifar10Release release;
    release.where = where;
    const auto meta = files.find(kMetaFile);
    release.classNames = meta != files.end()
                             ? parseClassNames(meta->second, where + "/" + kMetaFile)
                             : cifar10ClassNames();
    const int classes = static_cast<int>(release.classNames.size());
    for (const auto& name : kTrainFiles)
        release.train.push_back(checkedBatch(where + "/" + name, take(name), classes));
    release.test = checkedBatch(where + "/" + kTestFile, take(kTestFile), classes);
    return release;
}

std::string readWholeFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path.string(), "cannot be opened");
    const auto size = fs::file_size(path);
    if (size > static_cast<std::uintmax_t>(kMaxFileBytes))
        throw InputError(path.string(), "is too large for a CIFAR-10 batch");
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
        throw InputError(path.string(), "could not be read");
    return bytes;
}

// The folder itself, or the cifar-10-batches-bin folder inside it.
fs::path batchesFolderIn(const fs::path& folder) {
    if (!fs::exists(folder / kTestFile) && fs::exists(folder / "cifar-10-batches-bin" / kTestFile))
        return folder / "cifar-10-batches-bin";
    return folder;
}

Cifar10Release readFolder(const fs::path& folder) {
    const fs::path dir = batchesFolderIn(folder);
    FileMap files;
    for (const auto& name : kTrainFiles)
        if (fs::exists(dir / name))
            files[name] = readWholeFile(dir / name);
    for (const auto& name : {kTestFile, kMetaFile})
        if (fs::exists(dir / name))
            files[name] = readWholeFile(dir / name);
    return assemble(files, dir.string());
}

using ArchiveReader = std::unique_ptr<archive, decltype(&archive_read_free)>;

// libarchive's message for the last failure; it has none for some (a null pointer).
std::string archiveError(archive* reader) {
    const char* message = archive_error_string(reader);
    return message ? message : "unreadable data";
}

// A reader of `file` in any format and compression libarchive knows.
ArchiveReader openArchive(const fs::path& file) {
    ArchiveReader reader(archive_read_new(), &archive_read_free);
    archive_read_support_filter_all(reader.get());
    archive_read_support_format_all(reader.get());
    if (archive_read_open_filename(reader.get(), file.c_str(), 1 << 16) != ARCHIVE_OK)
        throw InputError(file.string(),
                         "cannot be opened as an archive: " + archiveError(reader.get()));
    return reader;
}

// The member's data, passed to `sink` chunk by chunk. Its header's size is checked but not
// trusted: what is held grows with the data read, never with what a header claims.
template <class Sink>
void readMember(archive* reader, archive_entry* entry, const std::string& where, Sink&& sink) {
    const auto size = archive_entry_size(entry);
    if (size < 0 || size > kMaxFileBytes)
        throw InputError(where, "has an impossible size");
    std::array<char, 1 << 16> chunk{};
    la_ssize_t got = 0;
    std::int64_t read = 0;
    while ((got = archive_read_data(reader, chunk.data(), chunk.size())) > 0) {
        read += got;
        if (read > size)
            throw InputError(where, "holds more data than its header says");
        sink(chunk.data(), static_cast<std::size_t>(got));
    }
    if (got < 0 || read != size)
        throw InputError(where, std::string("is truncated or corrupt: ") +
                                    (got < 0 ? archiveError(reader) : "short read"));
}

Cifar10Release readTarball(const fs::path& file) {
    const ArchiveReader reader = openArchive(file);
    const std::string where = file.string();
    FileMap files;
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
        const std::string name = fs::path(archive_entry_pathname(entry)).filename().string();
        if (!isBatchOrMeta(name) || archive_entry_filetype(entry) != AE_IFREG)
            continue;
        std::string bytes;
        readMember(reader.get(), entry, where + ":" + name,
                   [&](const char* data, std::size_t n) { bytes.append(data, n); });
        files[name] = std::move(bytes);
    }
    if (status != ARCHIVE_EOF)
        throw InputError(where, "corrupt archive: " + archiveError(reader.get()));
    return assemble(files, where);
}

bool isReleaseFile(const std::string& name) {
    return isBatchOrMeta(name) || name == "readme.html";
}

void unpackReleaseMembers(const fs::path& tarball, const fs::path& staging) {
    const ArchiveReader reader = openArchive(tarball);
    const std::string where = tarball.string();
    const std::string top = "cifar-10-batches-bin";
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
        const std::string member = archive_entry_pathname(entry);
        const fs::path path = fs::path(member).lexically_normal();
        const auto type = archive_entry_filetype(entry);
        if (type == AE_IFDIR && (path == top || path == top + "/"))
            continue;
        const bool inTop = path.parent_path() == top && isReleaseFile(path.filename().string());
        if (!inTop || type != AE_IFREG)
            throw InputError(where, "unexpected member '" + member +
                                        "' (not part of CIFAR-10's binary release)");
        std::ofstream out(staging / path.filename(), std::ios::binary);
        readMember(reader.get(), entry, where + ":" + member, [&](const char* data, std::size_t n) {
            out.write(data, static_cast<std::streamsize>(n));
        });
        out.close();
        if (!out)
            throw InputError((staging / path.filename()).string(), "cannot be written");
    }
    if (status != ARCHIVE_EOF)
        throw InputError(where, "corrupt archive: " + archiveError(reader.get()));
}

} // namespace

std::string extractCifar10(const std::string& tarball, const std::string& folder) {
    const fs::path target = fs::path(folder) / "cifar-10-batches-bin";
    const fs::path staging =
        fs::path(folder) / (".cifar-10-batches-bin.partial-" + std::to_string(::getpid()));
    std::error_code ignored;
    try {
        fs::create_directories(folder);
        fs::remove_all(staging, ignored);
        fs::create_directories(staging);
        unpackReleaseMembers(tarball, staging);
        readCifar10Release(staging.string()); // every batch present and whole
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(staging, ignored);
        throw InputError(e.path1().string(), e.code().message());
    } catch (...) {
        fs::remove_all(staging, ignored);
        throw;
    }
    const fs::path previous = fs::path(folder) / ".cifar-10-batches-bin.previous";
    fs::remove_all(previous, ignored);
    if (fs::exists(target))
        fs::rename(target, previous);
    fs::rename(staging, target);
    fs::remove_all(previous, ignored);
    return target.string();
}

std::vector<std::string> cifar10ClassNames() {
    return {"airplane", "automobile", "bird",  "cat",  "deer",
            "dog",      "frog",       "horse", "ship", "truck"};
}

std::string cifar10Problem(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec))
        return std::ifstream(path, std::ios::binary) ? std::string() : path + ": cannot be read";
    const fs::path dir = batchesFolderIn(path);
    for (const std::string& name : {kTrainFiles.front(), kTestFile})
        if (!fs::exists(dir / name, ec))
            return path + ": not a CIFAR-10 binary folder (no " + name + ")";
    return {};
}

Cifar10Release readCifar10Release(const std::string& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw InputError(path, "no such file or folder");
    return fs::is_directory(status) ? readFolder(path) : readTarball(path);
}

} // namespace inception
