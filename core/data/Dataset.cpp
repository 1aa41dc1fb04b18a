#include "core/data/Dataset.hpp"

#include "core/base/InputError.hpp"
#include "core/data/DataSource.hpp"
#include "core/data/readers/Cifar10Reader.hpp"
#include "core/data/readers/IdxReader.hpp"
#include "core/data/readers/ImageFolderReader.hpp"
#include "core/data/readers/SyntheticDataset.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace inception {

DatasetSplit DatasetSplit::first(std::int64_t count) const {
    if (count <= 0 || count >= size())
        return *this;
    return {images.slice(0, 0, count), labels.slice(0, 0, count)};
}

namespace {

std::uint32_t crc(std::uint32_t seed, const torch::Tensor& t) {
    const auto contiguous = t.contiguous();
    return static_cast<std::uint32_t>(
        crc32_z(seed, static_cast<const Bytef*>(contiguous.data_ptr()), contiguous.nbytes()));
}

void checkLabels(const DatasetSplit& split, int classes, const std::string& where) {
    if (split.size() == 0)
        return;
    const auto low = split.labels.min().item<std::int64_t>();
    const auto high = split.labels.max().item<std::int64_t>();
    if (low < 0 || high >= classes)
        throw InputError(where, "label " + std::to_string(low < 0 ? low : high) +
                                    " is outside the " + std::to_string(classes) + " classes");
}

} // namespace

void finishDataset(Dataset& d) {
    checkLabels(d.train, d.classes(), d.identity.path + " (train)");
    checkLabels(d.test, d.classes(), d.identity.path + " (test)");
    std::uint32_t h = crc32_z(0, nullptr, 0);
    for (const DatasetSplit* s : {&d.train, &d.test}) {
        h = crc(h, s->labels);
        h = crc(h, s->images);
    }
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", h);
    d.identity.hash = hex;
    d.identity.trainCount = d.train.size();
    d.identity.testCount = d.test.size();
    if (d.train.images.defined()) {
        d.identity.height = d.height();
        d.identity.width = d.width();
        d.identity.channels = d.channels();
    }
}

ImageShape inputShapeOf(const ModelSpec& spec) {
    return {spec.input.height, spec.input.width, spec.input.channels};
}

Dataset loadDataset(const std::string& dataSpec, ImageShape imageSize) {
    const DataSource source = parseDataSource(dataSpec);
    switch (source.kind) {
    case DataSourceKind::Cifar10:
        return readCifar10(source.path);
    case DataSourceKind::ImageFolder:
        return readImageFolder(source.path, imageSize);
    case DataSourceKind::Idx:
        return readIdx(source.path);
    case DataSourceKind::Synthetic:
        break;
    }
    return makeSyntheticDataset(SyntheticOptions{.trainPerClass = source.imagesPerClass});
}

ModelSpec fitToData(ModelSpec spec, const Dataset& data) {
    if (spec.input.channels != data.channels()) {
        spec.input.mean.clear();
        spec.input.std.clear();
    }
    spec.input.channels = data.channels();
    spec.input.height = data.height();
    spec.input.width = data.width();
    spec.head.classes = data.classes();
    return spec;
}

void requireModelFitsData(const ModelSpec& spec, const Dataset& data) {
    if (spec.input.channels != data.channels() || spec.input.height != data.height() ||
        spec.input.width != data.width())
        throw InputError("--model",
                         "the model takes " + std::to_string(spec.input.channels) + " x " +
                             std::to_string(spec.input.height) + " x " +
                             std::to_string(spec.input.width) + " images but the data has " +
                             std::to_string(data.channels()) + " x " +
                             std::to_string(data.height()) + " x " + std::to_string(data.width()));
    if (spec.head.classes != data.classes())
        throw InputError("--model", "the model has " + std::to_string(spec.head.classes) +
                                        " classes but the data has " +
                                        std::to_string(data.classes()));
    if (data.train.size() == 0 || data.test.size() == 0)
        throw InputError("--data", "needs training and test images");
}

ChannelStatistics channelStatistics(const DatasetSplit& split) {
    ChannelStatistics stats;
    if (split.size() == 0)
        return stats;
    const auto images = split.images.contiguous();
    const auto channels = static_cast<std::size_t>(images.size(3));
    std::vector<std::uint64_t> sum(channels), squares(channels);
    const auto* p = images.data_ptr<std::uint8_t>();
    const auto total = static_cast<std::size_t>(images.numel());
    for (std::size_t i = 0; i < total; i += channels)
        for (std::size_t c = 0; c < channels; ++c) {
            const std::uint64_t v = p[i + c];
            sum[c] += v;
            squares[c] += v * v;
        }
    const double count = static_cast<double>(total / channels);
    for (std::size_t c = 0; c < channels; ++c) {
        const double mean = static_cast<double>(sum[c]) / count;
        const double variance = static_cast<double>(squares[c]) / count - mean * mean;
        stats.mean.push_back(mean / 255.0);
        stats.std.push_back(std::sqrt(std::max(variance, 0.0)) / 255.0);
    }
    return stats;
}

torch::Tensor toModelInput(const torch::Tensor& images) {
    return images.permute({0, 3, 1, 2}).to(torch::kFloat32).div_(255.0);
}

} // namespace inception
