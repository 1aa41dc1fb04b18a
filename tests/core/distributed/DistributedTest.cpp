// torchrun's environment as settings, and a rank's share of a batch.
#include "core/distributed/Distributed.hpp"

#include "core/base/InputError.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <map>
#include <numeric>

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

} // namespace
} // namespace inception
