#include "core/distributed/GradientReducer.hpp"

namespace inception {

namespace {
const std::string kDuring = "summing the gradients of every rank";
} // namespace

GradientReducer::GradientReducer(std::vector<torch::Tensor> parameters, Collectives& collectives,
                                 std::size_t bucketBytes)
    : parameters_(std::move(parameters)), collectives_(collectives) {
    bucketOf_.resize(parameters_.size());
    slotOf_.resize(parameters_.size());
    arrived_.assign(parameters_.size(), false);
    std::size_t bytes = 0;
    for (std::size_t k = parameters_.size(); k-- > 0;) {
        const auto& p = parameters_[k];
        if (buckets_.empty() || bytes >= bucketBytes) {
            buckets_.emplace_back();
            bytes = 0;
        }
        Bucket& bucket = buckets_.back();
        bucketOf_[k] = buckets_.size() - 1;
        slotOf_[k] = bucket.parameters.size();
        bucket.offsets.push_back(bucket.parameters.empty()
                                     ? 0
                                     : bucket.offsets.back() +
                                           parameters_[bucket.parameters.back()].numel());
        bucket.parameters.push_back(k);
        bytes += static_cast<std::size_t>(p.numel()) * p.element_size();
    }
    for (auto& bucket : buckets_) {
        const auto& last = parameters_[bucket.parameters.back()];
        bucket.flat = torch::zeros({bucket.offsets.back() + last.numel()}, last.options());
        bucket.pending = static_cast<int>(bucket.parameters.size());
    }
    for (std::size_t k = 0; k < parameters_.size(); ++k)
        hooks_.push_back(parameters_[k].register_hook(
            [this, k](const torch::Tensor& gradient) { gradientReady(k, gradient); }));
}

GradientReducer::~GradientReducer() {
    for (std::size_t k = 0; k < hooks_.size(); ++k)
        parameters_[k].remove_hook(hooks_[k]);
}

std::int64_t GradientReducer::bytesPerStep() const {
    std::int64_t bytes = 0;
    for (const auto& bucket : buckets_)
        bytes += bucket.flat.numel() * static_cast<std::int64_t>(bucket.flat.element_size());
    return bytes;
}

torch::Tensor GradientReducer::slice(std::size_t parameter) {
    const Bucket& bucket = buckets_[bucketOf_[parameter]];
    const auto& p = parameters_[parameter];
    return bucket.flat.narrow(0, bucket.offsets[slotOf_[parameter]], p.numel()).view(p.sizes());
}

void GradientReducer::gradientReady(std::size_t parameter, const torch::Tensor& gradient) {
    const std::lock_guard lock(mutex_);
    slice(parameter).copy_(gradient);
    arrived_[parameter] = true;
    --buckets_[bucketOf_[parameter]].pending;
    startReadyBuckets();
}

void GradientReducer::startReadyBuckets() {
    while (nextToStart_ < buckets_.size() && buckets_[nextToStart_].pending == 0) {
        Bucket& bucket = buckets_[nextToStart_++];
        try {
            bucket.work = collectives_.startAllReduceSum(bucket.flat);
        } catch (const std::exception& e) {
            collectives_.fail(e, kDuring);
        }
    }
}

void GradientReducer::finishStep() {
    {
        const std::lock_guard lock(mutex_);
        for (std::size_t k = 0; k < parameters_.size(); ++k) {
            if (arrived_[k])
                continue;
            slice(k).zero_();
            --buckets_[bucketOf_[k]].pending;
        }
        startReadyBuckets();
    }
    for (auto& bucket : buckets_)
        collectives_.wait(bucket.work, kDuring);

    torch::NoGradGuard noGrad;
    for (std::size_t k = 0; k < parameters_.size(); ++k) {
        auto& p = parameters_[k];
        if (!p.grad().defined())
            p.mutable_grad() = torch::zeros_like(p);
        p.mutable_grad().copy_(slice(k));
        arrived_[k] = false;
    }
    for (auto& bucket : buckets_) {
        bucket.pending = static_cast<int>(bucket.parameters.size());
        bucket.work.reset();
    }
    nextToStart_ = 0;
}

} // namespace inception
