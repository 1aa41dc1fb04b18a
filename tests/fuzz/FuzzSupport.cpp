#include "tests/fuzz/FuzzSupport.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace inception::fuzz {

namespace fs = std::filesystem;

namespace {

void removeScratch() {
    std::error_code error;
    fs::remove_all(scratchFolder(), error);
}

void writeBytes(const fs::path& path, std::string_view bytes, std::ios::openmode mode) {
    std::ofstream out(path, std::ios::binary | mode);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
        std::fprintf(stderr, "fuzz: %s cannot be written\n", path.c_str());
        std::abort();
    }
}

} // namespace

const fs::path& scratchFolder() {
    static const fs::path folder = [] {
        std::error_code error;
        const fs::path base =
            fs::is_directory("/dev/shm", error) ? fs::path("/dev/shm") : fs::temp_directory_path();
        fs::path made = base / ("inception-fuzz-" + std::to_string(getpid()));
        fs::create_directories(made);
        std::atexit(removeScratch);
        return made;
    }();
    return folder;
}

fs::path writeScratch(const std::string& name, std::string_view bytes) {
    const fs::path path = scratchFolder() / name;
    writeBytes(path, bytes, std::ios::trunc);
    return path;
}

void appendTo(const fs::path& path, std::string_view bytes) {
    writeBytes(path, bytes, std::ios::app);
}

fs::path freshFolder(const std::string& name) {
    const fs::path folder = scratchFolder() / name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::vector<std::string_view> splitInput(const std::uint8_t* data, std::size_t size,
                                         std::size_t parts) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> pieces;
    while (pieces.size() + 1 < parts) {
        const auto at = rest.find('\x1e');
        if (at == std::string_view::npos)
            break;
        pieces.push_back(rest.substr(0, at));
        rest.remove_prefix(at + 1);
    }
    pieces.push_back(rest);
    pieces.resize(parts);
    return pieces;
}

void checkErrorLine(const std::string& line) {
    bool printable = !line.empty() && line.size() <= 1024;
    for (const char c : line)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            printable = false;
    if (!printable) {
        std::fprintf(stderr, "fuzz: the error line is not one printable line (%zu bytes)\n",
                     line.size());
        std::abort();
    }
}

} // namespace inception::fuzz
