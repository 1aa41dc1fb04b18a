// CIFAR-10's tarball through libarchive: read as a data set (readCifar10Release), and unpacked
// by the Data page's download (extractCifar10: only the release's own members, staged, nothing
// left behind on a refusal).
#include "core/data/readers/Cifar10Archive.hpp"
#include "core/data/readers/Cifar10Files.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

#include <cstdio>
#include <cstdlib>

using namespace inception;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto tarball =
        fuzz::writeScratch("cifar-10-binary.tar.gz", {reinterpret_cast<const char*>(data), size});
    fuzz::acceptOrRefuse([&] { readCifar10Release(tarball.string()); });
    const auto folder = fuzz::freshFolder("extracted");
    bool extracted = false;
    fuzz::acceptOrRefuse([&] {
        extractCifar10(tarball.string(), folder.string());
        extracted = true;
    });
    // A refusal leaves the folder as it was: empty.
    if (!extracted && !std::filesystem::is_empty(folder)) {
        std::fprintf(stderr, "fuzz: a refused tarball left files behind\n");
        std::abort();
    }
    return 0;
}
