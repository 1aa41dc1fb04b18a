#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace inception {

// Neighbours shown beside an image: the detail pane's row of training images.
constexpr int kExplainNeighbours = 8;

struct Neighbour {
    std::int64_t index = 0; // row of the searched points
    float distance = 0.0f;  // squared Euclidean distance
};

// Exact k-nearest-neighbour search by squared Euclidean distance over a fixed set of points,
// with faiss's flat index. At CIFAR-10's size (50,000 points of a few hundred dimensions) it
// answers one query in 7 ms and all 10,000 test images in 3 s, 4x LibTorch's matrix product
// and top-k, while faiss's approximate indexes (HNSW, IVF) take longer to build than the flat
// index takes to answer everything, and miss neighbours (measured with
// inception-neighbour-bench, docs/decisions.md).
class NearestNeighbours {
public:
    // `points`: count x dims, row-major.
    NearestNeighbours(const std::vector<float>& points, std::int64_t dims);
    ~NearestNeighbours();

    // The k nearest points of each of `count` queries (count x dims, row-major), nearest first:
    // count x min(k, size()) entries.
    std::vector<Neighbour> search(const float* queries, std::int64_t count,
                                  int k = kExplainNeighbours) const;
    std::int64_t size() const;
    std::int64_t dims() const { return dims_; }

private:
    struct Index;
    std::int64_t dims_;
    std::unique_ptr<Index> index_;
};

} // namespace inception
