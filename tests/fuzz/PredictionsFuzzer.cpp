// A predictions file (predictions/epoch-NNN.bin, versions 1 and 2) as the Analysis page reads it.
#include "core/runs/PredictionsFile.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path =
        inception::fuzz::writeScratch("epoch-001.bin", {reinterpret_cast<const char*>(data), size});
    inception::fuzz::acceptOrRefuse([&] { inception::readPredictions(path.string()); });
    return 0;
}
