#include "core/base/CpuFeatures.hpp"

#include <fstream>
#include <sstream>

namespace inception {

namespace {

// The value of the first "key : value" line whose key is `key`, trimmed; empty when absent.
std::string field(const std::string& text, const std::string& key) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        name.erase(name.find_last_not_of(" \t") + 1);
        if (name != key)
            continue;
        const auto start = line.find_first_not_of(" \t", colon + 1);
        return start == std::string::npos ? std::string() : line.substr(start);
    }
    return {};
}

bool hasWord(const std::string& words, const std::string& word) {
    std::istringstream in(words);
    for (std::string w; in >> w;)
        if (w == word)
            return true;
    return false;
}

} // namespace

std::string CpuFeatures::bf16Text() const {
    if (!hasBf16())
        return "no BF16 instructions";
    if (avx512Bf16 && amxBf16)
        return "avx512_bf16, amx_bf16";
    return avx512Bf16 ? "avx512_bf16" : "amx_bf16";
}

CpuFeatures parseCpuInfo(const std::string& text) {
    CpuFeatures cpu;
    cpu.name = field(text, "model name");
    if (cpu.name.empty())
        cpu.name = "unknown CPU";
    const std::string flags = field(text, "flags");
    cpu.avx512Bf16 = hasWord(flags, "avx512_bf16");
    cpu.amxBf16 = hasWord(flags, "amx_bf16");
    return cpu;
}

const CpuFeatures& thisCpu() {
    static const CpuFeatures cpu = [] {
        std::ifstream in("/proc/cpuinfo");
        std::ostringstream text;
        text << in.rdbuf();
        return parseCpuInfo(text.str());
    }();
    return cpu;
}

} // namespace inception
