// A real Gloo group of ranks on threads of this process: sums, comparisons and failures.
#include "core/distributed/Collectives.hpp"

#include "tests/support/Ranks.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace inception {
namespace {

using test::onRanks;

TEST(CollectiveFailureTest, SaysWhetherARankWentQuietOrAway) {
    DistributedSettings s;
    s.rank = 1;
    s.worldSize = 3;
    s.timeout = std::chrono::seconds(7);
    const auto quiet = collectiveFailureMessage(
        s, "summing", "[../gloo/transport/tcp/unbound_buffer.cc:81] Timed out waiting 7000ms");
    EXPECT_EQ(quiet, "distributed training stopped on rank 1 of 3 while summing: no answer from "
                     "the other ranks within 7 s (a rank died or hangs) [Timed out waiting "
                     "7000ms]");
    const auto gone = collectiveFailureMessage(
        s, "summing", "[../gloo/transport/tcp/pair.cc:598] Connection closed by peer [::1]:1");
    EXPECT_NE(gone.find("lost the connection to another rank"), std::string::npos) << gone;
}

TEST(CommunicatorTest, SumsAndComparesAcrossRanks) {
    const auto results = onRanks(3, [](int rank, Communicator& group) {
        auto values = torch::full({4}, static_cast<float>(rank + 1));
        group.collectives().allReduceSum(values, "a test");
        group.requireSameOnEveryRank("greeting", "hello");
        return std::to_string(values[0].item<float>());
    });
    for (const auto& result : results)
        EXPECT_EQ(result, "6.000000");
}

TEST(CommunicatorTest, EveryRankLearnsWhetherAllHoldTheSameBytes) {
    const auto results = onRanks(3, [](int rank, Communicator& group) {
        std::vector<torch::Tensor> weights{torch::linspace(0.0, 1.0, 1000), torch::ones({3, 3})};
        const bool same = group.collectives().identicalOnEveryRank(weights, "a test");
        if (rank == 1) // one bit of one float
            weights[0][500] = std::nextafter(weights[0][500].item<float>(), 2.0f);
        const bool afterChange = group.collectives().identicalOnEveryRank(weights, "a test");
        return std::string(same ? "same" : "differ") + (afterChange ? " same" : " differ");
    });
    for (const auto& result : results)
        EXPECT_EQ(result, "same differ");
}

TEST(CommunicatorTest, EveryRankLearnsWhichRankDiffers) {
    const auto results = onRanks(3, [](int rank, Communicator& group) {
        group.requireSameOnEveryRank("settings", rank == 2 ? "lr 0.1" : "lr 0.001");
        return std::string("(no error)");
    });
    for (const auto& result : results)
        EXPECT_EQ(result, "rank 2: its settings differs from rank 0's; every rank must be "
                          "started with the same options, data and checkpoint");
}

TEST(CommunicatorTest, ARankThatNeverAnswersEndsInATimeoutOnTheOthers) {
    std::promise<void> released;
    auto release = released.get_future().share();
    const auto results = onRanks(
        2,
        [release, &released](int rank, Communicator& group) {
            if (rank == 1) { // joins, then stays silent until rank 0 has given up
                release.wait();
                return std::string("silent");
            }
            auto values = torch::ones({3});
            try {
                group.collectives().allReduceSum(values, "summing the gradients");
            } catch (...) {
                released.set_value();
                throw;
            }
            return std::string("(no error)");
        },
        2);
    EXPECT_EQ(results[0].rfind("distributed training stopped on rank 0 of 2 while summing the "
                               "gradients: no answer from the other ranks within 2 s",
                               0),
              0u)
        << results[0];
    EXPECT_EQ(results[1], "silent");
}

} // namespace
} // namespace inception
