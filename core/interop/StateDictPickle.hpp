#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace inception {

// The element types of torch.save's storages (torch.FloatStorage and the others).
enum class StorageType {
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool
};
std::size_t storageElementBytes(StorageType type);

// One tensor of a pickled state_dict: a view (offset, sizes, strides, in elements) of a
// storage, checked to lie inside it.
struct PickledTensor {
    std::string name;
    StorageType type = StorageType::Float32;
    std::string storageKey;
    std::int64_t offset = 0;
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
};

// A state_dict's tensors in the pickle's order, and the bytes of every storage they view
// (`data/<key>`), each at least as long as its elements.
struct PickledStateDict {
    std::vector<PickledTensor> tensors;
    std::map<std::string, std::string> storages;
};

// The raw bytes of one storage record (`data/<key>`) of a torch.save zip.
using StorageRecordLoader = std::function<std::string(const std::string& key)>;

// Unpickles the `data.pkl` of a saved state_dict: pickle protocol 2 as Python's pickle and
// LibTorch's pickler write it, limited to a dict (or OrderedDict) of name -> tensor. Needs no
// LibTorch (StateDict builds the tensors). Throws InputError naming `source` for anything else.
PickledStateDict unpickleStateDict(std::string_view pickle, const StorageRecordLoader& loadStorage,
                                   const std::string& source);

} // namespace inception
