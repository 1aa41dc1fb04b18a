#include "core/base/CachingCpuAllocator.hpp"

#include <c10/core/CPUAllocator.h>

#include <cstdlib>
#include <list>
#include <map>
#include <mutex>
#include <new>

namespace inception {

namespace {

constexpr std::size_t kAlignment = 64; // what LibTorch's own CPU allocator guarantees
// Small buffers are cheap for malloc: only blocks of at least this size are cached.
constexpr std::size_t kSmallest = std::size_t{64} << 10;

// Each buffer is preceded by one alignment unit holding its size, so that the deleter needs
// nothing but the data pointer (LibTorch's raw_allocate requires data == context).
class CachingCpuAllocator final : public c10::Allocator {
public:
    explicit CachingCpuAllocator(std::size_t limit) : limit_(limit) {}

    static CachingCpuAllocator* instance;

    c10::DataPtr allocate(std::size_t bytes) const override {
        const std::size_t size = alignedSize(bytes);
        auto* base = static_cast<char*>(instance->take(size));
        if (!base) {
            base = static_cast<char*>(std::aligned_alloc(kAlignment, size + kAlignment));
            if (!base)
                throw std::bad_alloc();
            *reinterpret_cast<std::size_t*>(base) = size;
        }
        void* data = base + kAlignment;
        return {data, data, &CachingCpuAllocator::release, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &CachingCpuAllocator::release; }

    std::size_t buffersOfSize(std::size_t bytes) {
        const std::lock_guard lock(mutex_);
        return bySize_.count(alignedSize(bytes));
    }

    static std::size_t alignedSize(std::size_t bytes) {
        return (bytes + kAlignment - 1) / kAlignment * kAlignment;
    }

private:
    struct Cached {
        std::size_t size;
        void* base;
    };
    using Order = std::list<Cached>;

    void* take(std::size_t size) {
        if (size < kSmallest)
            return nullptr;
        const std::lock_guard lock(mutex_);
        const auto found = bySize_.find(size);
        if (found == bySize_.end())
            return nullptr;
        void* base = found->second->base;
        order_.erase(found->second);
        bySize_.erase(found);
        cached_ -= size;
        return base;
    }

    static void release(void* data) {
        if (!data)
            return;
        void* base = static_cast<char*>(data) - kAlignment;
        instance->give(base, *static_cast<std::size_t*>(base));
    }

    // A full cache makes room by freeing the buffers cached longest ago: those of sizes no
    // longer asked for (an earlier model's, in a process that trains one after another) go,
    // and the sizes of the training under way stay.
    void give(void* base, std::size_t size) {
        if (size < kSmallest || size > limit_) {
            std::free(base);
            return;
        }
        const std::lock_guard lock(mutex_);
        while (cached_ + size > limit_)
            evictOldest();
        order_.push_back({size, base});
        bySize_.emplace(size, std::prev(order_.end()));
        cached_ += size;
    }

    void evictOldest() {
        const Cached oldest = order_.front();
        auto [first, last] = bySize_.equal_range(oldest.size);
        while (first != last && first->second != order_.begin())
            ++first;
        bySize_.erase(first);
        order_.pop_front();
        cached_ -= oldest.size;
        std::free(oldest.base);
    }

    const std::size_t limit_;
    std::mutex mutex_;
    Order order_; // oldest first
    std::multimap<std::size_t, Order::iterator> bySize_;
    std::size_t cached_ = 0;
};

CachingCpuAllocator* CachingCpuAllocator::instance = nullptr;

} // namespace

void installCachingCpuAllocator(std::size_t cacheLimitBytes) {
    if (CachingCpuAllocator::instance)
        return;
    // Lives as long as the process: tensors freed during exit still return here.
    CachingCpuAllocator::instance = new CachingCpuAllocator(cacheLimitBytes);
    c10::SetCPUAllocator(CachingCpuAllocator::instance, /*priority=*/1);
}

std::size_t cachedCpuBuffers(std::size_t bytes) {
    return CachingCpuAllocator::instance ? CachingCpuAllocator::instance->buffersOfSize(bytes) : 0;
}

} // namespace inception
