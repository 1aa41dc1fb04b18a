#pragma once

#include <cstddef>

namespace inception {

// Makes LibTorch's CPU tensors reuse freed buffers of the same size instead of returning them
// to the system. A training step allocates and frees the same few dozen activation buffers
// (megabytes each) every batch; through malloc each comes back as fresh pages from mmap, to be
// faulted in and zeroed again, on whichever thread trains. Call once, first thing in main().
// `cacheLimitBytes` bounds the memory held idle.
void installCachingCpuAllocator(std::size_t cacheLimitBytes = std::size_t{2} << 30);

// How many idle buffers for tensors of `bytes` bytes the cache holds now (0 when the
// allocator is not installed): what the tests and a curious user can check.
std::size_t cachedCpuBuffers(std::size_t bytes);

} // namespace inception
