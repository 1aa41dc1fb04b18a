#include "core/base/CachingCpuAllocator.hpp"

#include <c10/core/CPUAllocator.h>

#include <cstdlib>
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
        const std::size_t size = (bytes + kAlignment - 1) / kAlignment * kAlignment;
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

private:
    void* take(std::size_t size) {
        if (size < kSmallest)
            return nullptr;
        const std::lock_guard lock(mutex_);
        const auto found = free_.find(size);
        if (found == free_.end())
            return nullptr;
        void* base = found->second;
        free_.erase(found);
        cached_ -= size;
        return base;
    }

    static void release(void* data) {
        if (!data)
            return;
        void* base = static_cast<char*>(data) - kAlignment;
        instance->give(base, *static_cast<std::size_t*>(base));
    }

    void give(void* base, std::size_t size) {
        if (size >= kSmallest) {
            const std::lock_guard lock(mutex_);
            if (cached_ + size <= limit_) {
                free_.emplace(size, base);
                cached_ += size;
                return;
            }
        }
        std::free(base);
    }

    const std::size_t limit_;
    std::mutex mutex_;
    std::multimap<std::size_t, void*> free_;
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

} // namespace inception
