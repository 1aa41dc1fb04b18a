#pragma once

#include "core/base/InputError.hpp"
#include "core/distributed/Collectives.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/model/GoogLeNet.hpp"
#include "tests/support/TestSupport.hpp"

#include <chrono>
#include <future>
#include <string>
#include <vector>

namespace inception::test {

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

// `count` tiny models with the same initial weights, one for each rank.
inline std::vector<GoogLeNet> identicalModels(int count) {
    std::vector<GoogLeNet> models;
    for (int i = 0; i < count; ++i) {
        torch::manual_seed(11);
        models.emplace_back(tinySpec());
        initializeWeights(models.back());
    }
    return models;
}

} // namespace inception::test
