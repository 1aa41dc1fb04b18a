// Data-parallel pieces: torchrun's environment, shards, the parts of a batch (augmentation and
// dropout draw what one process would), and a real Gloo group of ranks on threads of this
// process: collectives, gradient buckets, sharded evaluation and their failures.
#include "core/Distributed.hpp"
#include "core/Augmentation.hpp"
#include "core/BatchPrefetcher.hpp"
#include "core/Collectives.hpp"
#include "core/Evaluator.hpp"
#include "core/GoogLeNet.hpp"
#include "core/GradientReducer.hpp"
#include "core/InputError.hpp"
#include "core/SyntheticDataset.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <future>
#include <map>
#include <numeric>
#include <thread>

namespace inception {
namespace {

EnvironmentLookup environment(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        const auto found = values.find(name);
        if (found == values.end())
            return std::nullopt;
        return found->second;
    };
}

std::map<std::string, std::string> torchrunEnvironment() {
    return {{"WORLD_SIZE", "4"},           {"RANK", "2"},
            {"LOCAL_RANK", "0"},           {"LOCAL_WORLD_SIZE", "2"},
            {"MASTER_ADDR", "node1"},      {"MASTER_PORT", "29400"},
            {"GLOO_SOCKET_IFNAME", "eth0"}};
}

std::string settingsError(std::map<std::string, std::string> values) {
    return test::errorOf([&] { distributedSettingsFromEnvironment(environment(values)); });
}

TEST(DistributedSettingsTest, ReadsTorchrunsVariables) {
    const auto s = distributedSettingsFromEnvironment(environment(torchrunEnvironment()));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->worldSize, 4);
    EXPECT_EQ(s->rank, 2);
    EXPECT_EQ(s->localRank, 0);
    EXPECT_EQ(s->localWorldSize, 2);
    EXPECT_EQ(s->masterAddress, "node1");
    EXPECT_EQ(s->masterPort, 29400);
    EXPECT_EQ(s->socketInterface, "eth0");
    EXPECT_FALSE(s->agentServesStore);
    EXPECT_FALSE(s->isLeader());

    auto agent = torchrunEnvironment();
    agent["TORCHELASTIC_USE_AGENT_STORE"] = "True";
    EXPECT_TRUE(distributedSettingsFromEnvironment(environment(agent))->agentServesStore);
}

TEST(DistributedSettingsTest, OneProcessWithoutWorldSizeOrWithOne) {
    EXPECT_FALSE(distributedSettingsFromEnvironment(environment({})));
    EXPECT_FALSE(distributedSettingsFromEnvironment(environment({{"WORLD_SIZE", "1"}})));
}

TEST(DistributedSettingsTest, NamesTheVariableThatIsMissingOrWrong) {
    auto values = torchrunEnvironment();
    values.erase("RANK");
    EXPECT_EQ(settingsError(values).rfind("RANK: is not set", 0), 0u) << settingsError(values);
    values = torchrunEnvironment();
    values["RANK"] = "4";
    EXPECT_EQ(settingsError(values), "RANK: 4 is outside 0..3");
    values = torchrunEnvironment();
    values["MASTER_PORT"] = "29x";
    EXPECT_EQ(settingsError(values), "MASTER_PORT: '29x' is not a whole number");
    values = torchrunEnvironment();
    values.erase("MASTER_ADDR");
    EXPECT_EQ(settingsError(values).rfind("MASTER_ADDR: is not set", 0), 0u);
    EXPECT_EQ(settingsError({{"WORLD_SIZE", "0"}}), "WORLD_SIZE: 0 is outside 1..65536");
}

TEST(ShardTest, PartsCoverTheItemsInOrderAndDifferByOneAtMost) {
    for (const std::int64_t count : {0, 1, 2, 7, 64, 100, 257}) {
        for (const int ranks : {1, 2, 3, 5}) {
            std::int64_t next = 0, smallest = count, largest = 0;
            for (int r = 0; r < ranks; ++r) {
                const ShardRange part = shardOf(count, r, ranks);
                EXPECT_EQ(part.begin, next) << count << " over " << ranks;
                next = part.end;
                smallest = std::min(smallest, part.size());
                largest = std::max(largest, part.size());
            }
            EXPECT_EQ(next, count);
            EXPECT_LE(largest - smallest, 1);
        }
    }
    EXPECT_EQ(shardOf(10, 0, 3).size(), 4);
    EXPECT_EQ(shardOf(10, 2, 3).size(), 3);
}

TEST(BatchPartsTest, AugmentationOfAPartIsThatPartOfTheWholeBatch) {
    const ImageShape shape{8, 8, 3};
    const std::int64_t count = 12;
    std::vector<std::uint8_t> in(shape.bytes() * count);
    std::iota(in.begin(), in.end(), 0);
    const AugmentOptions options{.cropPadding = 3, .horizontalFlip = true, .normalize = false};
    std::vector<std::uint8_t> whole(in.size()), part(in.size());
    augmentImages(in.data(), whole.data(), count, shape, options, 77);
    for (const std::int64_t position : {0, 5, 11}) {
        const std::size_t offset = shape.bytes() * static_cast<std::size_t>(position);
        augmentImages(in.data() + offset, part.data(), count - position, shape, options, 77,
                      position);
        EXPECT_TRUE(std::equal(part.begin(), part.begin() + (in.size() - offset),
                               whole.begin() + static_cast<std::ptrdiff_t>(offset)))
            << "from image " << position;
    }
}

TEST(BatchPartsTest, DropoutOfAPartIsThatPartOfTheWholeBatch) {
    BatchDropout dropout(0.4);
    dropout->train();
    const auto input = torch::rand({10, 16});
    torch::manual_seed(5);
    const auto whole = dropout->forward(input);
    torch::manual_seed(5);
    const auto reference = torch::dropout(input, 0.4, true); // LibTorch's own draws
    EXPECT_TRUE(torch::equal(whole, reference));
    for (const auto& [position, rows] : {std::pair{0, 4}, std::pair{4, 3}, std::pair{7, 3}}) {
        torch::manual_seed(5);
        dropout->setBatchPart(position, 10);
        const auto part = dropout->forward(input.narrow(0, position, rows));
        EXPECT_TRUE(torch::equal(part, whole.narrow(0, position, rows))) << "rows " << position;
    }
    dropout->eval();
    EXPECT_TRUE(torch::equal(dropout->forward(input), input));
}

TEST(BatchPartsTest, PrefetcherGivesEachRankItsPartOfEveryBatch) {
    const Dataset data =
        makeSyntheticDataset({.trainPerClass = 3, .testPerClass = 1, .side = 32, .seed = 2020});
    const auto order = torch::randperm(data.train.size(), torch::kInt64);
    const auto plan = [&](int rank, int ranks) {
        return EpochPlan{.order = order,
                         .batchSize = 8,
                         .firstBatch = 0,
                         .augmentation = standardAugmentation(),
                         .runSeed = 3,
                         .epoch = 2,
                         .rank = rank,
                         .worldSize = ranks};
    };
    BatchPrefetcher whole(data.train, plan(0, 1));
    BatchPrefetcher first(data.train, plan(0, 3)), second(data.train, plan(1, 3)),
        third(data.train, plan(2, 3));
    while (auto batch = whole.next()) {
        std::vector<torch::Tensor> inputs, labels;
        for (auto* part : {&first, &second, &third}) {
            auto piece = part->next();
            ASSERT_TRUE(piece);
            EXPECT_EQ(piece->batchSize, batch->labels.size(0));
            EXPECT_EQ(piece->position, inputs.empty() ? 0 : torch::cat(labels).size(0));
            inputs.push_back(piece->input);
            labels.push_back(piece->labels);
        }
        EXPECT_TRUE(torch::equal(torch::cat(labels), batch->labels));
        EXPECT_TRUE(torch::equal(torch::cat(inputs), batch->input));
    }
}

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

// Runs `body(rank, communicator)` on `ranks` threads joined in one Gloo group; returns what
// each rank's body returned or threw (as its message).
template <typename Body> std::vector<std::string> onRanks(int ranks, Body body, int timeout = 20) {
    const int port = test::freeLoopbackPort();
    std::vector<std::future<std::string>> results;
    for (int rank = 0; rank < ranks; ++rank)
        results.push_back(std::async(std::launch::async, [=] {
            DistributedSettings s;
            s.rank = rank;
            s.worldSize = ranks;
            s.masterPort = port;
            s.timeout = std::chrono::seconds(timeout);
            try {
                auto communicator = Communicator::connect(s);
                return body(rank, *communicator);
            } catch (const InputError& e) {
                return e.oneLine();
            } catch (const std::exception& e) {
                return std::string(e.what());
            }
        }));
    std::vector<std::string> out;
    for (auto& result : results)
        out.push_back(result.get());
    return out;
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

std::vector<GoogLeNet> identicalModels(int count) {
    std::vector<GoogLeNet> models;
    for (int i = 0; i < count; ++i) {
        torch::manual_seed(11);
        models.emplace_back(tinySpec());
        initializeWeights(models.back());
    }
    return models;
}

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

TEST(ShardedEvaluationTest, RanksTogetherGiveTheWholeSplitsResult) {
    const Dataset data =
        makeSyntheticDataset({.trainPerClass = 7, .testPerClass = 3, .side = 32, .seed = 2020});
    auto replicas = identicalModels(4);
    const EvaluationResult whole =
        evaluate(replicas[3], data.test, data.classes(), torch::kCPU, 16, true);
    const auto results = onRanks(3, [&](int rank, Communicator& group) {
        GoogLeNet replica = replicas[static_cast<std::size_t>(rank)];
        const EvaluationResult r = evaluateSharded(replica, data.test, data.classes(), torch::kCPU,
                                                   16, group.collectives());
        bool same = r.confusion == whole.confusion && std::abs(r.loss - whole.loss) < 1e-5 &&
                    r.predictions.size() == whole.predictions.size();
        for (std::size_t i = 0; same && i < r.predictions.size(); ++i) {
            const auto& a = r.predictions[i];
            const auto& b = whole.predictions[i];
            same = a.index == b.index && a.trueClass == b.trueClass && a.predicted == b.predicted &&
                   a.topClasses == b.topClasses &&
                   std::abs(a.topProbabilities[0] - b.topProbabilities[0]) < 1e-5f;
        }
        return std::string(same ? "same" : "differs");
    });
    for (const auto& result : results)
        EXPECT_EQ(result, "same");
}

} // namespace
} // namespace inception
