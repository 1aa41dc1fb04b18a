#include "core/data/DatasetSummary.hpp"

#include "core/data/Dataset.hpp"

#include <cstring>

namespace inception {

namespace {

std::vector<std::int64_t> perClass(const torch::Tensor& labels, int classes) {
    if (!labels.defined() || labels.numel() == 0)
        return std::vector<std::int64_t>(static_cast<std::size_t>(classes), 0);
    const auto bins = torch::bincount(labels, {}, classes).contiguous();
    return {bins.data_ptr<std::int64_t>(), bins.data_ptr<std::int64_t>() + classes};
}

} // namespace

DatasetSummary summarizeDataset(const Dataset& data, int samplesPerClass) {
    DatasetSummary s;
    s.identity = data.identity;
    s.classNames = data.classNames;
    s.notes = data.notes;
    s.shape = {data.height(), data.width(), data.channels()};
    s.trainPerClass = perClass(data.train.labels, data.classes());
    s.testPerClass = perClass(data.test.labels, data.classes());
    const ChannelStatistics stats = channelStatistics(data.train);
    s.mean = stats.mean;
    s.std = stats.std;

    s.samplesPerClass = std::max(0, samplesPerClass);
    const auto classes = static_cast<std::size_t>(data.classes());
    const std::size_t bytes = s.shape.bytes();
    s.sampleCounts.assign(classes, 0);
    s.samples.assign(classes * static_cast<std::size_t>(s.samplesPerClass) * bytes, 0);
    const auto images = data.train.images.contiguous();
    const auto labels = data.train.labels.contiguous();
    const auto* pixels = images.data_ptr<std::uint8_t>();
    const auto* label = labels.data_ptr<std::int64_t>();
    std::size_t filled = 0;
    for (std::int64_t i = 0; i < data.train.size() && filled < classes * s.samplesPerClass; ++i) {
        const auto c = static_cast<std::size_t>(label[i]);
        int& count = s.sampleCounts[c];
        if (count == s.samplesPerClass)
            continue;
        std::memcpy(s.samples.data() + (c * static_cast<std::size_t>(s.samplesPerClass) +
                                        static_cast<std::size_t>(count)) *
                                           bytes,
                    pixels + static_cast<std::size_t>(i) * bytes, bytes);
        ++count;
        ++filled;
    }
    return s;
}

DatasetSummary loadDatasetSummary(const std::string& dataSpec, ImageShape imageSize,
                                  int samplesPerClass) {
    return summarizeDataset(loadDataset(dataSpec, imageSize), samplesPerClass);
}

} // namespace inception
