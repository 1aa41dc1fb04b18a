#pragma once

#include <cstddef>

namespace inception {

// Makes LibTorch's CPU tensors reuse freed buffers of the same size instead of returning them
// to the system. A training step allocates and frees the same few dozen activation buffers
// (megabytes each) every batch; through malloc each comes back as fresh pages from mmap, to be
// faulted in and zeroed again, on whichever thread trains. Call once, first thing in main().
// `cacheLimitBytes` bounds the memory held idle.
void installCachingCpuAllocator(std::size_t cacheLimitBytes = std::size_t{2} << 30);

} // namespace inception
