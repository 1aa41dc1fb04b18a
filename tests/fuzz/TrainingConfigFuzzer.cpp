// A training config file (--config FILE): JSON, every setting checked.
#include "core/training/TrainingConfig.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    inception::fuzz::acceptOrRefuse(
        [&] { inception::trainingConfigFromJson(text, "fuzz-config.json"); });
    return 0;
}
