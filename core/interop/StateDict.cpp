#include "core/interop/StateDict.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TorchText.hpp"
#include "core/base/ZipDirectory.hpp"
#include "core/interop/StateDictPickle.hpp"

#include <caffe2/serialize/inline_container.h>
#include <torch/serialize.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace inception {

namespace {

std::string recordBytes(caffe2::serialize::PyTorchStreamReader& zip, const std::string& name) {
    auto [data, size] = zip.getRecord(name);
    return {static_cast<const char*>(data.get()), size};
}

} // namespace

StateDict stateDictOf(GoogLeNet& model) {
    StateDict weights;
    for (const auto& item : model->named_modules()) {
        const std::string prefix = item.key().empty() ? "" : item.key() + ".";
        for (const auto& p : item.value()->named_parameters(/*recurse=*/false))
            weights.push_back({prefix + p.key(), p.value()});
        for (const auto& b : item.value()->named_buffers(/*recurse=*/false))
            weights.push_back({prefix + b.key(), b.value()});
    }
    return weights;
}

void loadStateDict(GoogLeNet& model, const StateDict& weights, const std::string& source) {
    std::map<std::string, const torch::Tensor*> given;
    for (const auto& w : weights)
        given[w.name] = &w.tensor;
    const StateDict wanted = stateDictOf(model);
    std::set<std::string> wantedNames;
    for (const auto& w : wanted) {
        const auto found = given.find(w.name);
        if (found == given.end())
            throw InputError(source, "tensor " + w.name + " is missing (the spec's model has it)");
        const torch::Tensor& tensor = *found->second;
        if (tensor.sizes() != w.tensor.sizes())
            throw InputError(source, "tensor " + w.name + " has shape " +
                                         shapeText(tensor.sizes()) + " but the spec needs " +
                                         shapeText(w.tensor.sizes()));
        if (!tensor.is_floating_point() && w.tensor.is_floating_point())
            throw InputError(source, "tensor " + w.name + " holds " +
                                         std::string(c10::toString(tensor.scalar_type())) +
                                         " values, not floating point weights");
        wantedNames.insert(w.name);
    }
    for (const auto& w : weights)
        if (!wantedNames.contains(w.name))
            throw InputError(source, "tensor " + w.name + " is not in the spec's model (" +
                                         std::to_string(given.size() - wantedNames.size()) +
                                         " unexpected in all)");
    torch::NoGradGuard noGrad;
    for (const auto& w : wanted)
        w.tensor.copy_(*given.at(w.name));
}

void writeStateDict(const std::string& path, const StateDict& weights) {
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto& w : weights)
        dict.insert(w.name, w.tensor.detach().cpu().contiguous());
    std::vector<char> bytes;
    try {
        bytes = torch::pickle_save(dict);
    } catch (const c10::Error& e) {
        throw InputError(path, "cannot be written: " + firstLineOf(e));
    }
    writeFileAtomically(path, std::string_view(bytes.data(), bytes.size()));
}

namespace {

torch::ScalarType scalarTypeOf(StorageType type) {
    switch (type) {
    case StorageType::Float32:
        return torch::kFloat32;
    case StorageType::Float64:
        return torch::kFloat64;
    case StorageType::Float16:
        return torch::kFloat16;
    case StorageType::BFloat16:
        return torch::kBFloat16;
    case StorageType::Int64:
        return torch::kInt64;
    case StorageType::Int32:
        return torch::kInt32;
    case StorageType::Int16:
        return torch::kInt16;
    case StorageType::Int8:
        return torch::kInt8;
    case StorageType::UInt8:
        return torch::kUInt8;
    case StorageType::Bool:
        return torch::kBool;
    }
    return torch::kFloat32;
}

// The unpickled views as contiguous tensors, each storage copied into a tensor once.
StateDict tensorsOf(const PickledStateDict& pickled) {
    std::map<std::string, torch::Tensor> storages;
    StateDict weights;
    for (const PickledTensor& t : pickled.tensors) {
        const auto options = torch::TensorOptions().dtype(scalarTypeOf(t.type));
        auto found = storages.find(t.storageKey);
        if (found == storages.end()) {
            const std::string& bytes = pickled.storages.at(t.storageKey);
            const auto elements =
                static_cast<std::int64_t>(bytes.size() / storageElementBytes(t.type));
            auto storage = torch::empty({elements}, options);
            std::memcpy(storage.data_ptr(), bytes.data(), storage.nbytes());
            found = storages.emplace(t.storageKey, storage).first;
        }
        const bool empty = std::find(t.sizes.begin(), t.sizes.end(), 0) != t.sizes.end();
        weights.push_back({t.name, empty ? torch::empty(t.sizes, options)
                                         : found->second.as_strided(t.sizes, t.strides, t.offset)
                                               .clone(torch::MemoryFormat::Contiguous)});
    }
    return weights;
}

} // namespace

StateDict readStateDict(const std::string& path) {
    if (!std::filesystem::is_regular_file(path))
        throw InputError(path, "no such file");
    // The zip's structure, checked before LibTorch reads it.
    readZipDirectory(path, "is not a PyTorch state_dict file");
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> zip;
    try {
        zip = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
    } catch (const c10::Error&) {
        throw InputError(path, "is not a PyTorch state_dict file (not the zip that torch.save "
                               "writes, or cut short)");
    }
    try {
        if (!zip->hasRecord("data.pkl"))
            throw InputError(path, "is not a state_dict: it has no data.pkl (a TorchScript "
                                   "module or a Workbench checkpoint?)");
        const std::string pickle = recordBytes(*zip, "data.pkl");
        return tensorsOf(unpickleStateDict(
            pickle,
            [&](const std::string& key) {
                const std::string record = "data/" + key;
                if (!zip->hasRecord(record))
                    throw InputError(path, "storage " + record + " is missing");
                return recordBytes(*zip, record);
            },
            path));
    } catch (const c10::Error& e) {
        throw InputError(path, "is damaged: " + firstLineOf(e));
    }
}

} // namespace inception
