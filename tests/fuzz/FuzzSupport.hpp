#pragma once

// What the harnesses share. The readers read files, so an input is written to a scratch folder
// of the process's own first. Every reader either accepts the bytes or refuses them with an
// InputError; any other exception escapes the harness, and libFuzzer reports it as a crash,
// as it does ASan's and UBSan's findings. A refusal must be one printable line.
#include "core/base/InputError.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace inception::fuzz {

// The process's scratch folder (in /dev/shm when there is one), removed at exit.
const std::filesystem::path& scratchFolder();
// Writes `bytes` to `name` in the scratch folder (replacing it) and returns its path.
std::filesystem::path writeScratch(const std::string& name, std::string_view bytes);
// Appends `bytes` to the file at `path`.
void appendTo(const std::filesystem::path& path, std::string_view bytes);
// An empty folder `name` in the scratch folder.
std::filesystem::path freshFolder(const std::string& name);

// The input split at each 0x1e (ASCII record separator) into at most `parts` pieces; the
// last piece keeps any further separators. Missing pieces are empty.
std::vector<std::string_view> splitInput(const std::uint8_t* data, std::size_t size,
                                         std::size_t parts);

// Aborts unless `line` is one printable line of bounded length.
void checkErrorLine(const std::string& line);

// Runs `read`: a success or an InputError with a printable line.
template <class Read> void acceptOrRefuse(Read&& read) {
    try {
        read();
    } catch (const InputError& e) {
        checkErrorLine(e.oneLine());
    }
}

} // namespace inception::fuzz
