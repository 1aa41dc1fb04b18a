#include "core/explain/NearestNeighbours.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace inception {
namespace {

// The k nearest by a plain loop over every point, in double precision.
std::vector<std::int64_t> exactNeighbours(const std::vector<float>& points, const float* query,
                                          std::int64_t dims, int k) {
    const auto count = static_cast<std::int64_t>(points.size()) / dims;
    std::vector<double> distances(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        for (std::int64_t d = 0; d < dims; ++d) {
            const double difference = points[static_cast<std::size_t>(i * dims + d)] - query[d];
            distances[static_cast<std::size_t>(i)] += difference * difference;
        }
    std::vector<std::int64_t> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](auto a, auto b) {
        return distances[static_cast<std::size_t>(a)] < distances[static_cast<std::size_t>(b)];
    });
    order.resize(static_cast<std::size_t>(k));
    return order;
}

TEST(NearestNeighbours, FaissReturnsTheExactNeighboursInOrder) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> value(0.0f, 3.0f);
    const std::int64_t dims = 24;
    std::vector<float> points(600 * dims), queries(40 * dims);
    for (auto& v : points)
        v = value(rng);
    for (auto& v : queries)
        v = value(rng);
    const NearestNeighbours index(points, dims);
    EXPECT_EQ(index.size(), 600);
    const auto found = index.search(queries.data(), 40);
    ASSERT_EQ(found.size(), 40u * kExplainNeighbours);
    for (std::int64_t q = 0; q < 40; ++q) {
        const auto truth =
            exactNeighbours(points, queries.data() + q * dims, dims, kExplainNeighbours);
        for (int i = 0; i < kExplainNeighbours; ++i) {
            const Neighbour& n = found[static_cast<std::size_t>(q * kExplainNeighbours + i)];
            EXPECT_EQ(n.index, truth[static_cast<std::size_t>(i)])
                << "query " << q << " rank " << i;
            if (i > 0) {
                EXPECT_GE(n.distance,
                          found[static_cast<std::size_t>(q * kExplainNeighbours + i - 1)].distance);
            }
        }
    }
}

TEST(NearestNeighbours, APointIsItsOwnNearestAndFewPointsGiveFewNeighbours) {
    const std::vector<float> points = {0, 0, 1, 0, 0, 5};
    const NearestNeighbours index(points, 2);
    const auto found = index.search(points.data() + 2, 1, 8);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].index, 1);
    EXPECT_FLOAT_EQ(found[0].distance, 0.0f);
    EXPECT_EQ(found[1].index, 0);
    EXPECT_FLOAT_EQ(found[1].distance, 1.0f);
    EXPECT_THROW(NearestNeighbours({1, 2, 3}, 2), std::invalid_argument);
}

} // namespace
} // namespace inception
