#pragma once

#include "core/distributed/Collectives.hpp"

#include <torch/torch.h>

#include <cstdint>
#include <mutex>
#include <vector>

namespace inception {

// Sums the gradients of every rank, as PyTorch's DistributedDataParallel does: parameters in
// buckets of about `bucketBytes`, filled in reverse order of registration (roughly the order
// backward produces them), each bucket's all-reduce started by a gradient hook the moment its
// last gradient arrives, so communication overlaps the rest of the backward pass. Buckets start
// strictly in order, so every rank issues the same collectives in the same sequence.
class GradientReducer {
public:
    GradientReducer(std::vector<torch::Tensor> parameters, Collectives& collectives,
                    std::size_t bucketBytes = kDefaultBucketBytes);
    ~GradientReducer();
    GradientReducer(const GradientReducer&) = delete;
    GradientReducer& operator=(const GradientReducer&) = delete;

    // About a megabyte: the seed's 0.59 M parameters (2.4 MB) make three buckets, the first
    // ready once backward has passed the classifier and the last two units.
    static constexpr std::size_t kDefaultBucketBytes = std::size_t{1} << 20;

    // Waits for every bucket's sum and writes it into the parameters' gradients. Buckets that
    // backward left unstarted (a rank with no images in the batch) contribute zeros.
    void finishStep();

    int buckets() const { return static_cast<int>(buckets_.size()); }
    // Buckets whose sums are on their way in this step: after backward, before finishStep,
    // those that backward's hooks started (all of them, when every parameter had a gradient).
    int startedBuckets() const { return static_cast<int>(nextToStart_); }
    std::int64_t bytesPerStep() const;

private:
    struct Bucket {
        std::vector<std::size_t> parameters; // indices into parameters_
        std::vector<std::int64_t> offsets;   // of each parameter in `flat`
        torch::Tensor flat;
        int pending = 0;
        c10::intrusive_ptr<c10d::Work> work;
    };

    void gradientReady(std::size_t parameter, const torch::Tensor& gradient);
    void startReadyBuckets(); // with mutex_ held
    // The parameter's place in its bucket, shaped as the parameter.
    torch::Tensor slice(std::size_t parameter);

    std::vector<torch::Tensor> parameters_;
    std::vector<std::size_t> bucketOf_;
    std::vector<std::size_t> slotOf_; // position of a parameter within its bucket
    std::vector<bool> arrived_;       // gradients that backward delivered this step
    std::vector<Bucket> buckets_;
    std::vector<unsigned> hooks_;
    Collectives& collectives_;
    std::mutex mutex_;
    std::size_t nextToStart_ = 0;
};

} // namespace inception
