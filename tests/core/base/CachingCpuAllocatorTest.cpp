// The caching CPU allocator: freed activation-sized buffers come back for the next tensor of
// that size.
#include "core/base/CachingCpuAllocator.hpp"

#include "core/model/GoogLeNet.hpp"
#include "core/spec/ModelSpec.hpp"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <vector>

namespace inception {
namespace {

constexpr std::size_t kLimit = std::size_t{64} << 20;

class CachingCpuAllocatorTest : public testing::Test {
protected:
    static void SetUpTestSuite() { installCachingCpuAllocator(kLimit); }
};

TEST_F(CachingCpuAllocatorTest, AFreedBufferServesTheNextTensorOfItsSize) {
    const void* first = nullptr;
    {
        const auto a = torch::ones({1024, 1024}); // 4 MiB
        first = a.data_ptr();
    }
    const auto b = torch::zeros({1024, 1024});
    EXPECT_EQ(b.data_ptr(), first);
    EXPECT_EQ(b.sum().item<float>(), 0.0f) << "a reused buffer holds what the new tensor says";
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b.data_ptr()) % 64, 0u);

    const auto c = torch::ones({1024, 1024}); // b still lives: a fresh buffer
    EXPECT_NE(c.data_ptr(), b.data_ptr());
}

TEST_F(CachingCpuAllocatorTest, AFullCacheMakesRoomForTheSizesInUse) {
    // Fill the cache with buffers of sizes that are not asked for again (an earlier model's).
    {
        std::vector<torch::Tensor> old;
        for (std::size_t bytes = 0; bytes < kLimit + (std::size_t{8} << 20);
             bytes += std::size_t{4} << 20)
            old.push_back(torch::ones({static_cast<std::int64_t>(bytes / 4096 + 1), 1024}));
    }
    // A new size freed into the full cache is kept, the oldest sizes making room, and
    // serves its next tensor.
    const std::size_t bytes = 777 * 1024 * sizeof(float);
    const void* first = nullptr;
    {
        const auto a = torch::ones({777, 1024});
        first = a.data_ptr();
    }
    EXPECT_EQ(cachedCpuBuffers(bytes), 1u);
    EXPECT_EQ(torch::ones({777, 1024}).data_ptr(), first);
    EXPECT_EQ(cachedCpuBuffers(bytes), 1u); // back after the temporary
    EXPECT_EQ(cachedCpuBuffers(4097 * 1024 * sizeof(float)), 0u) << "the oldest were freed";
}

TEST_F(CachingCpuAllocatorTest, TrainingOnReusedBuffersRepeatsExactly) {
    // The second run trains on the buffers the first one freed: stale contents would show.
    auto step = [] {
        torch::manual_seed(1);
        GoogLeNet model(tinySpec());
        initializeWeights(model);
        torch::optim::Adam optimizer(model->parameters());
        const auto input = torch::rand({32, 3, 32, 32});
        const auto labels = torch::randint(0, 10, {32});
        double last = 0.0;
        for (int i = 0; i < 3; ++i) {
            optimizer.zero_grad();
            auto loss = torch::nn::functional::cross_entropy(model->forward(input), labels);
            loss.backward();
            optimizer.step();
            last = loss.item<double>();
        }
        return last;
    };
    EXPECT_EQ(step(), step());
}

} // namespace
} // namespace inception
