#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// The directory of a zip file, read and checked before LibTorch's own reader (miniz) sees the
// file: torch.save and LibTorch's serializer write records under one top folder, tensors
// stored and small records (code, pickles) deflated.
struct ZipRecord {
    std::string name;
    std::uint64_t offset = 0; // of its data in the file
    std::uint64_t size = 0;   // of its data in the file
    bool deflated = false;
};

// Reads the end of the central directory, every central entry and its local header, and
// throws InputError naming `path`, `refusal` ("is not a readable checkpoint") and the fault
// unless: the directory lies inside the file; every record is stored, or deflated to at most
// 64 MB, lies inside the file before the directory and does not overlap another; names are
// relative, free of `..` and share one top folder; and there are at most 100,000 records. ZIP64 is
// read as far as LibTorch writes it (sizes and offsets in the extra field).
std::vector<ZipRecord> readZipDirectory(const std::string& path, const std::string& refusal);

} // namespace inception
