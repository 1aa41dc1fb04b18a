#pragma once

#include "core/interop/StateDict.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace inception {

// The raw bytes of one storage record (`data/<key>`) of a torch.save zip.
using StorageRecordLoader = std::function<std::string(const std::string& key)>;

// Unpickles the `data.pkl` of a saved state_dict: pickle protocol 2 as Python's pickle and
// LibTorch's pickler write it, limited to a dict (or OrderedDict) of name -> tensor. Tensors are
// rebuilt from their storages (offset, sizes, strides) and returned contiguous. Throws
// InputError naming `source` for anything else.
StateDict unpickleStateDict(std::string_view pickle, const StorageRecordLoader& loadStorage,
                            const std::string& source);

} // namespace inception
