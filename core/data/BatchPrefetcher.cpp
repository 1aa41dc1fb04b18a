#include "core/data/BatchPrefetcher.hpp"

#include "core/distributed/Distributed.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace inception {

torch::Tensor imagesToInput(const torch::Tensor& images) {
    const auto n = images.size(0), h = images.size(1), w = images.size(2), c = images.size(3);
    auto input = torch::empty({n, c, h, w}, torch::TensorOptions()
                                                .dtype(torch::kFloat32)
                                                .memory_format(torch::MemoryFormat::ChannelsLast));
    const auto bytes = images.contiguous();
    const auto* in = bytes.data_ptr<std::uint8_t>();
    auto* out = input.data_ptr<float>(); // channels-last: the same N x H x W x C order
    const std::int64_t total = bytes.numel();
    constexpr float kScale = 1.0f / 255.0f;
    for (std::int64_t i = 0; i < total; ++i)
        out[i] = static_cast<float>(in[i]) * kScale;
    return input;
}

BatchPrefetcher::BatchPrefetcher(const DatasetSplit& split, EpochPlan plan, int depth)
    : split_{split.images.contiguous(), split.labels.contiguous()}, plan_(std::move(plan)),
      depth_(std::max(1, depth)) {
    plan_.order = plan_.order.contiguous();
    const std::int64_t n = plan_.order.size(0);
    batches_ = static_cast<int>((n + plan_.batchSize - 1) / plan_.batchSize);
    thread_ = std::thread([this] { produce(); });
}

BatchPrefetcher::~BatchPrefetcher() {
    stop();
}

void BatchPrefetcher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

TrainingBatch BatchPrefetcher::make(int batch) const {
    const std::int64_t n = plan_.order.size(0);
    const std::int64_t from = std::int64_t{batch} * plan_.batchSize;
    const std::int64_t batchSize = std::min(n, from + plan_.batchSize) - from;
    const ShardRange part = shardOf(batchSize, plan_.rank, plan_.worldSize);
    const auto index = plan_.order.slice(0, from + part.begin, from + part.end);
    const std::int64_t count = index.size(0);
    const auto* rows = index.data_ptr<std::int64_t>();
    const ImageShape shape{static_cast<int>(split_.images.size(1)),
                           static_cast<int>(split_.images.size(2)),
                           static_cast<int>(split_.images.size(3))};
    const std::size_t bytes = shape.bytes();

    auto gathered = torch::empty({count, shape.height, shape.width, shape.channels}, torch::kUInt8);
    auto labels = torch::empty({count}, torch::kInt64);
    const auto* images = split_.images.data_ptr<std::uint8_t>();
    const auto* allLabels = split_.labels.data_ptr<std::int64_t>();
    auto* target = gathered.data_ptr<std::uint8_t>();
    auto* labelOut = labels.data_ptr<std::int64_t>();
    const std::int64_t available = split_.size();
    for (std::int64_t i = 0; i < count; ++i) {
        if (rows[i] < 0 || rows[i] >= available)
            throw std::out_of_range("batch " + std::to_string(batch) + " asks for image " +
                                    std::to_string(rows[i]) + " of a split of " +
                                    std::to_string(available));
        std::memcpy(target + bytes * static_cast<std::size_t>(i),
                    images + bytes * static_cast<std::size_t>(rows[i]), bytes);
        labelOut[i] = allLabels[rows[i]];
    }
    if (plan_.augmentation.changesImages()) {
        auto augmented = torch::empty_like(gathered);
        augmentImages(target, augmented.data_ptr<std::uint8_t>(), count, shape, plan_.augmentation,
                      batchSeed(plan_.runSeed, plan_.epoch, batch), part.begin);
        gathered = augmented;
    }
    return {batch, imagesToInput(gathered), labels, batchSize, part.begin};
}

void BatchPrefetcher::produce() {
    try {
        for (int b = plan_.firstBatch; b < batches_; ++b) {
            {
                std::unique_lock lock(mutex_);
                changed_.wait(
                    lock, [&] { return stopping_ || static_cast<int>(ready_.size()) < depth_; });
                if (stopping_)
                    return;
            }
            TrainingBatch batch = make(b);
            {
                std::lock_guard lock(mutex_);
                ready_.push_back(std::move(batch));
            }
            changed_.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(mutex_);
        error_ = std::current_exception();
    }
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    changed_.notify_all();
}

std::optional<TrainingBatch> BatchPrefetcher::next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || finished_ || stopping_; });
    if (!ready_.empty()) {
        TrainingBatch batch = std::move(ready_.front());
        ready_.pop_front();
        lock.unlock();
        changed_.notify_all();
        return batch;
    }
    if (error_)
        std::rethrow_exception(error_);
    return std::nullopt;
}

} // namespace inception
