#include "core/explain/NearestNeighbours.hpp"

#include <faiss/IndexFlat.h>

#include <stdexcept>

namespace inception {

struct NearestNeighbours::Index {
    explicit Index(std::int64_t dims) : flat(dims) {}
    faiss::IndexFlatL2 flat;
};

NearestNeighbours::NearestNeighbours(const std::vector<float>& points, std::int64_t dims)
    : dims_(dims) {
    if (dims <= 0 || points.size() % static_cast<std::size_t>(dims) != 0)
        throw std::invalid_argument("neighbour search: points are not rows of the dimensions");
    index_ = std::make_unique<Index>(dims);
    index_->flat.add(static_cast<faiss::Index::idx_t>(points.size()) / dims, points.data());
}

NearestNeighbours::~NearestNeighbours() = default;

std::int64_t NearestNeighbours::size() const {
    return index_->flat.ntotal;
}

std::vector<Neighbour> NearestNeighbours::search(const float* queries, std::int64_t count,
                                                 int k) const {
    const std::int64_t kept = std::min<std::int64_t>(k, size());
    std::vector<Neighbour> out;
    if (kept <= 0 || count <= 0)
        return out;
    const auto entries = static_cast<std::size_t>(count * kept);
    std::vector<float> distances(entries);
    std::vector<faiss::Index::idx_t> labels(entries);
    index_->flat.search(count, queries, kept, distances.data(), labels.data());
    out.reserve(entries);
    for (std::size_t i = 0; i < entries; ++i)
        out.push_back({labels[i], distances[i]});
    return out;
}

} // namespace inception
