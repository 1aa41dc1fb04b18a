#pragma once

#include "core/data/Augmentation.hpp"
#include "core/data/Dataset.hpp"

#include <torch/torch.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace inception {

// One training step's inputs: N x C x H x W floats in [0, 1] stored channels-last, and labels.
// In a data-parallel run it holds this rank's part of the batch.
struct TrainingBatch {
    int index = 0; // the batch's number within the epoch
    torch::Tensor input;
    torch::Tensor labels;
    std::int64_t batchSize = 0; // images in the whole batch, over every rank
    std::int64_t position = 0;  // of this part's first image within the whole batch
};

// What one epoch's batches are made of.
struct EpochPlan {
    torch::Tensor order; // int64 sample indices, the epoch's shuffled order
    int batchSize = 256;
    int firstBatch = 0; // a resumed epoch starts part-way
    AugmentOptions augmentation;
    std::uint64_t runSeed = 0;
    int epoch = 1;
    int rank = 0; // data-parallel: each batch is split among the ranks (shardOf)
    int worldSize = 1;
};

// Gathers, augments and converts the batches of one epoch on its own thread, `depth` batches
// ahead of the trainer. It uses plain loops, not LibTorch's thread pool, so it never competes
// with the training step for the intra-op threads. Stopping (or destroying it) ends the thread
// at the next batch; an error on the thread is thrown again by next().
class BatchPrefetcher {
public:
    BatchPrefetcher(const DatasetSplit& split, EpochPlan plan, int depth = 2);
    ~BatchPrefetcher();
    BatchPrefetcher(const BatchPrefetcher&) = delete;
    BatchPrefetcher& operator=(const BatchPrefetcher&) = delete;

    // The next batch, waiting for it when needed; empty after the epoch's last batch.
    std::optional<TrainingBatch> next();
    void stop();

    int batches() const { return batches_; }

private:
    void produce();
    TrainingBatch make(int batch) const;

    DatasetSplit split_;
    EpochPlan plan_;
    int depth_;
    int batches_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<TrainingBatch> ready_;
    bool stopping_ = false;
    bool finished_ = false;
    std::exception_ptr error_;
    std::thread thread_;
};

// Images (N x H x W x C bytes) as the model's input: N x C x H x W floats in [0, 1], stored
// channels-last, as torchvision's ToTensor followed by a channels-last copy.
torch::Tensor imagesToInput(const torch::Tensor& images);

} // namespace inception
