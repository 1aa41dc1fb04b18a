#pragma once

namespace inception::geometry {

// Output length of a convolution or floor-mode pooling window.
constexpr int floorOutput(int size, int kernel, int stride, int padding) {
    return (size + 2 * padding - kernel) / stride + 1;
}

// Output length of a ceil-mode pooling window, with PyTorch's rule that the last window
// must start inside the input (or its left padding).
constexpr int ceilOutput(int size, int kernel, int stride, int padding) {
    const int span = size + 2 * padding - kernel;
    if (span < 0)
        return 0;
    int out = (span + stride - 1) / stride + 1;
    if ((out - 1) * stride >= size + padding)
        --out;
    return out;
}

} // namespace inception::geometry
