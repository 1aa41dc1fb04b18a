#include "core/base/ZipDirectory.hpp"

#include "core/base/InputError.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

namespace inception {

namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kEndBytes = 22;
constexpr std::size_t kZip64LocatorBytes = 20;
constexpr std::size_t kZip64EndBytes = 56;
constexpr std::size_t kCentralBytes = 46;
constexpr std::size_t kLocalBytes = 30;
constexpr std::size_t kMaxComment = 0xffff;
constexpr std::uint64_t kMaxRecords = 100'000;
constexpr std::uint64_t kMaxDirectoryBytes = std::uint64_t{64} << 20;
constexpr std::uint32_t kSaturated = 0xffffffff;
constexpr std::uint64_t kStored = 0;
constexpr std::uint64_t kDeflated = 8;
// LibTorch compresses only its small records (code, pickles); tensors are stored. A deflated
// record's size is allocated whole before it inflates, so it is bounded here, and by deflate's
// greatest ratio (1032:1).
constexpr std::uint64_t kMaxInflatedBytes = std::uint64_t{64} << 20;

// Little-endian fields of a byte string, every read checked against its end.
class Fields {
public:
    Fields(const std::string& bytes, const std::string& path, const std::string& refusal)
        : bytes_(bytes), path_(path), refusal_(refusal) {}

    std::uint64_t at(std::size_t offset, int width) const {
        if (offset > bytes_.size() || bytes_.size() - offset < static_cast<std::size_t>(width))
            damaged("a zip header is cut short");
        std::uint64_t v = 0;
        for (int i = width - 1; i >= 0; --i)
            v = (v << 8) | static_cast<std::uint8_t>(bytes_[offset + static_cast<std::size_t>(i)]);
        return v;
    }
    std::string text(std::size_t offset, std::size_t length) const {
        if (offset > bytes_.size() || bytes_.size() - offset < length)
            damaged("a zip header is cut short");
        return bytes_.substr(offset, length);
    }
    [[noreturn]] void damaged(const std::string& what) const {
        throw InputError(path_, refusal_ + ": " + what);
    }

private:
    const std::string& bytes_;
    const std::string& path_;
    const std::string& refusal_;
};

std::string readAt(std::ifstream& in, std::uint64_t offset, std::uint64_t length) {
    std::string bytes(static_cast<std::size_t>(length), '\0');
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(bytes.data(), static_cast<std::streamsize>(length));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return bytes;
}

struct Directory {
    std::uint64_t records = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t end = 0; // where the end records start: nothing of the directory lies beyond
};

Directory findDirectory(std::ifstream& in, std::uint64_t fileSize, const std::string& path,
                        const std::string& refusal) {
    const std::uint64_t tailSize = std::min<std::uint64_t>(fileSize, kEndBytes + kMaxComment);
    const std::uint64_t tailStart = fileSize - tailSize;
    const std::string tail = readAt(in, tailStart, tailSize);
    const Fields f(tail, path, refusal);
    std::optional<std::size_t> end;
    for (std::size_t at = tail.size() >= kEndBytes ? tail.size() - kEndBytes + 1 : 0; at-- > 0;)
        if (f.at(at, 4) == kEndSignature && at + kEndBytes + f.at(at + 20, 2) == tail.size()) {
            end = at;
            break;
        }
    if (!end)
        f.damaged("no zip directory at its end (not a zip, or cut short)");
    Directory d{f.at(*end + 10, 2), f.at(*end + 16, 4), f.at(*end + 12, 4), tailStart + *end};
    if (f.at(*end + 4, 2) != 0 || f.at(*end + 6, 2) != 0 || f.at(*end + 8, 2) != d.records)
        f.damaged("a zip split over several disks");
    const bool zip64 = d.records == 0xffff || d.offset == kSaturated || d.size == kSaturated;
    if (zip64) {
        if (*end < kZip64LocatorBytes ||
            f.at(*end - kZip64LocatorBytes, 4) != kZip64LocatorSignature)
            f.damaged("a ZIP64 directory without its locator");
        const std::uint64_t end64 = f.at(*end - kZip64LocatorBytes + 8, 8);
        if (end64 > fileSize || fileSize - end64 < kZip64EndBytes)
            f.damaged("its ZIP64 directory lies outside the file");
        const std::string record = readAt(in, end64, kZip64EndBytes);
        const Fields r(record, path, refusal);
        if (r.at(0, 4) != kZip64EndSignature)
            r.damaged("a ZIP64 directory record is missing");
        d = {r.at(32, 8), r.at(48, 8), r.at(40, 8), end64};
    }
    if (d.records > kMaxRecords)
        f.damaged(std::to_string(d.records) + " records (at most " + std::to_string(kMaxRecords) +
                  " are read)");
    if (d.size > kMaxDirectoryBytes || d.offset > d.end || d.end - d.offset < d.size)
        f.damaged("its zip directory lies outside the file");
    return d;
}

// The ZIP64 extra field's values for the fields that are saturated, in the field's order.
void readZip64Extra(const Fields& f, std::size_t extra, std::size_t length, std::uint64_t& size,
                    std::uint64_t& compressed, std::uint64_t& localOffset) {
    for (std::size_t at = extra; at + 4 <= extra + length;) {
        const std::uint64_t id = f.at(at, 2), bytes = f.at(at + 2, 2);
        if (at + 4 + bytes > extra + length)
            f.damaged("a zip extra field is cut short");
        if (id == 1) {
            std::size_t value = at + 4;
            for (std::uint64_t* field : {&size, &compressed, &localOffset})
                if (*field == kSaturated) {
                    if (value + 8 > at + 4 + bytes)
                        f.damaged("a ZIP64 extra field is cut short");
                    *field = f.at(value, 8);
                    value += 8;
                }
        }
        at += 4 + bytes;
    }
}

bool isSafeName(const std::string& name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos ||
        name.find('\0') != std::string::npos)
        return false;
    for (const auto& part : std::filesystem::path(name))
        if (part == "..")
            return false;
    return true;
}

} // namespace

std::vector<ZipRecord> readZipDirectory(const std::string& path, const std::string& refusal) {
    std::ifstream in(path, std::ios::binary);
    std::error_code error;
    const auto fileSize = std::filesystem::file_size(path, error);
    if (!in || error)
        throw InputError(path, "cannot be read");
    const Directory d = findDirectory(in, fileSize, path, refusal);
    const std::string directory = readAt(in, d.offset, d.size);
    const Fields f(directory, path, refusal);
    if (directory.size() != d.size)
        f.damaged("its zip directory cannot be read");

    struct Span {
        std::uint64_t begin, end;
        std::size_t record;
    };
    std::vector<ZipRecord> records;
    std::vector<Span> spans;
    std::string top;
    std::size_t at = 0;
    for (std::uint64_t r = 0; r < d.records; ++r) {
        if (f.at(at, 4) != kCentralSignature)
            f.damaged("zip directory entry " + std::to_string(r) + " is damaged");
        const std::uint64_t flags = f.at(at + 8, 2), method = f.at(at + 10, 2);
        std::uint64_t compressed = f.at(at + 20, 4), size = f.at(at + 24, 4);
        const std::size_t nameLength = f.at(at + 28, 2), extraLength = f.at(at + 30, 2),
                          commentLength = f.at(at + 32, 2);
        std::uint64_t localOffset = f.at(at + 42, 4);
        const std::string name = f.text(at + kCentralBytes, nameLength);
        readZip64Extra(f, at + kCentralBytes + nameLength, extraLength, size, compressed,
                       localOffset);
        at += kCentralBytes + nameLength + extraLength + commentLength;

        if (!isSafeName(name))
            f.damaged("record " + std::to_string(r) + " has an unsafe name '" + name + "'");
        const std::string folder = name.substr(0, name.find('/') + 1);
        if (folder.empty() || (!top.empty() && folder != top))
            f.damaged("record '" + name + "' is outside the archive's one top folder");
        top = folder;
        if ((flags & 1) != 0)
            f.damaged("record '" + name + "' is encrypted");
        if (method == kStored ? compressed != size : method != kDeflated)
            f.damaged("record '" + name + "' is stored in a way LibTorch does not read");
        if (method == kDeflated && size > kMaxInflatedBytes)
            f.damaged("record '" + name + "' would inflate to " + std::to_string(size) +
                      " bytes (at most " + std::to_string(kMaxInflatedBytes) + ")");
        if (method == kDeflated && size / 1032 > compressed)
            f.damaged("record '" + name + "' would inflate " + std::to_string(compressed) +
                      " bytes to " + std::to_string(size) + ", beyond deflate's 1032:1");
        if (localOffset > d.offset || d.offset - localOffset < kLocalBytes)
            f.damaged("record '" + name + "' lies outside the file");
        const std::string local = readAt(in, localOffset, kLocalBytes);
        const Fields l(local, path, refusal);
        if (l.at(0, 4) != kLocalSignature)
            f.damaged("record '" + name + "' has no local header where the directory says");
        const std::uint64_t dataOffset = localOffset + kLocalBytes + l.at(26, 2) + l.at(28, 2);
        if (dataOffset > d.offset || d.offset - dataOffset < compressed)
            f.damaged("record '" + name + "' lies outside the file");
        records.push_back({name, dataOffset, compressed, method == kDeflated});
        spans.push_back({localOffset, dataOffset + compressed, records.size() - 1});
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].begin < spans[i - 1].end)
            f.damaged("records '" + records[spans[i - 1].record].name + "' and '" +
                      records[spans[i].record].name + "' overlap");
    return records;
}

} // namespace inception
