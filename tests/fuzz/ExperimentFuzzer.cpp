// An experiment file (experiment run FILE, the Experiments page's Open): the definition, then
// every trial it plans, each trial's spec and settings built and checked.
#include "core/experiments/Experiment.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string folder = inception::fuzz::scratchFolder().string();
    inception::fuzz::acceptOrRefuse([&] {
        const auto experiment = inception::experimentFromJson(text, "fuzz-experiment.json", folder);
        inception::toJsonValue(experiment).dump();
    });
    return 0;
}
