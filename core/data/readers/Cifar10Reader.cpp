#include "core/data/readers/Cifar10Reader.hpp"

#include <cstring>
#include <filesystem>

namespace inception {

namespace {

DatasetSplit decode(const std::vector<const Cifar10Batch*>& batches) {
    std::int64_t records = 0;
    for (const Cifar10Batch* batch : batches)
        records += batch->records;
    auto raw = torch::empty({records, kCifar10RecordBytes}, torch::kUInt8);
    auto* out = raw.data_ptr<std::uint8_t>();
    for (const Cifar10Batch* batch : batches) {
        std::memcpy(out, batch->bytes.data(), batch->bytes.size());
        out += batch->bytes.size();
    }
    DatasetSplit split;
    split.labels = raw.select(1, 0).to(torch::kInt64);
    // Planar CHW records -> one N x H x W x C tensor.
    split.images = raw.slice(1, 1)
                       .view({records, 3, kCifar10Side, kCifar10Side})
                       .permute({0, 2, 3, 1})
                       .contiguous();
    return split;
}

} // namespace

Dataset readCifar10(const std::string& path) {
    const Cifar10Release release = readCifar10Release(path);
    Dataset d;
    d.classNames = release.classNames;
    std::vector<const Cifar10Batch*> train;
    for (const Cifar10Batch& batch : release.train)
        train.push_back(&batch);
    d.train = decode(train);
    d.test = decode({&release.test});
    d.identity.kind = "cifar10";
    d.identity.path = std::filesystem::absolute(path).lexically_normal().string();
    finishDataset(d);
    return d;
}

} // namespace inception
