// Gradient buckets summed over a real Gloo group of ranks on threads of this process.
#include "core/distributed/GradientReducer.hpp"

#include "core/model/GoogLeNet.hpp"
#include "tests/support/Ranks.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

using test::identicalModels;
using test::onRanks;

TEST(GradientReducerTest, EveryRankGetsTheSumOfAllRanksGradients) {
    const auto kSum = torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum);
    // Torch's generator is the process's: the ranks' models are made here, one after another.
    const auto replicas = identicalModels(3);
    const auto results = onRanks(3, [&](int rank, Communicator& group) {
        GoogLeNet model = replicas[static_cast<std::size_t>(rank)];
        // Buckets of 4 KB: many collectives, started by hooks while backward runs.
        GradientReducer reducer(model->parameters(), group.collectives(), 4096);
        const auto input = torch::linspace(0.0, 1.0, 6 * 3 * 32 * 32).view({6, 3, 32, 32});
        const auto labels = torch::arange(6, torch::kInt64) % 10;
        model->eval(); // no dropout: the gradients depend on the input alone
        const auto part = shardOf(6, rank, 3);
        torch::nn::functional::cross_entropy(
            model->forward(input.narrow(0, part.begin, part.size())),
            labels.narrow(0, part.begin, part.size()), kSum)
            .backward();
        // Every bucket was started by a hook during backward, none waits for finishStep.
        const bool overlapped = reducer.startedBuckets() == reducer.buckets();
        reducer.finishStep();
        if (!overlapped || reducer.startedBuckets() != 0)
            return std::string("buckets not started during backward");
        std::vector<torch::Tensor> summed;
        for (const auto& p : model->parameters())
            summed.push_back(p.grad().clone());

        for (auto& p : model->parameters())
            p.mutable_grad().zero_();
        torch::nn::functional::cross_entropy(model->forward(input), labels, kSum)
            .backward(); // the whole batch here, on one rank: the sum to expect
        double worst = 0.0;
        for (std::size_t k = 0; k < summed.size(); ++k)
            worst = std::max(
                worst, (summed[k] - model->parameters()[k].grad()).abs().max().item<double>());
        return std::string(worst < 1e-3 && reducer.buckets() > 3 ? "same" : "differs ") +
               (worst < 1e-3 ? "" : std::to_string(worst));
    });
    for (const auto& result : results)
        EXPECT_EQ(result, "same");
}

TEST(GradientReducerTest, ARankWithoutImagesContributesZeros) {
    const auto results = onRanks(2, [](int rank, Communicator& group) {
        auto weight = torch::ones({3}, torch::requires_grad());
        GradientReducer reducer({weight}, group.collectives());
        if (rank == 0)
            (weight * torch::tensor({1.0f, 2.0f, 3.0f})).sum().backward();
        if (reducer.startedBuckets() != (rank == 0 ? 1 : 0))
            return std::string("rank 1 started a bucket without gradients");
        reducer.finishStep();
        const auto g = weight.grad();
        return std::to_string(g[0].item<float>() + 10 * g[1].item<float>() +
                              100 * g[2].item<float>());
    });
    EXPECT_EQ(results[0], "321.000000");
    EXPECT_EQ(results[1], "321.000000");
}

} // namespace
} // namespace inception
