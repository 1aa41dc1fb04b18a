// The data.pkl of a PyTorch state_dict through the restricted unpickler; the input's second
// piece (after 0x1e) is the bytes of every storage it loads. Accepted tensors must lie inside
// their storages.
#include "core/interop/StateDictPickle.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

#include <cstdlib>

using namespace inception;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto pieces = fuzz::splitInput(data, size, 2);
    fuzz::acceptOrRefuse([&] {
        const PickledStateDict dict = unpickleStateDict(
            pieces[0], [&](const std::string&) { return std::string(pieces[1]); }, "fuzz.pt");
        for (const PickledTensor& t : dict.tensors) {
            const std::string& storage = dict.storages.at(t.storageKey);
            const auto elements =
                static_cast<std::int64_t>(storage.size() / storageElementBytes(t.type));
            std::int64_t last = t.offset;
            bool empty = false;
            for (std::size_t d = 0; d < t.sizes.size(); ++d) {
                empty = empty || t.sizes[d] == 0;
                last += (t.sizes[d] - 1) * t.strides[d];
            }
            if (!empty && last >= elements)
                std::abort();
        }
    });
    return 0;
}
