// A model spec file (--model FILE, the editor's Open): JSON, every field checked.
#include "core/spec/ModelAnalysis.hpp"
#include "core/spec/ModelSpec.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    inception::fuzz::acceptOrRefuse([&] {
        const inception::ModelSpec spec = inception::modelSpecFromJson(text, "fuzz.json");
        inception::analyze(spec); // an accepted spec is a network whose shapes work out
    });
    return 0;
}
