// The zip directory of a checkpoint or a state_dict, checked before LibTorch's reader sees the
// file. Accepted records lie inside the file, in order, without overlapping.
#include "core/base/ZipDirectory.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path =
        inception::fuzz::writeScratch("weights.pt", {reinterpret_cast<const char*>(data), size});
    inception::fuzz::acceptOrRefuse([&] {
        for (const auto& record :
             inception::readZipDirectory(path.string(), "is not a readable checkpoint"))
            if (record.offset > size || size - record.offset < record.size)
                std::abort();
    });
    return 0;
}
