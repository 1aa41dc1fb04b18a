#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace inception {

// Where this process stands in a data-parallel run, as torchrun (and Slurm or Kubernetes
// scripts that imitate it) describe it in the environment: RANK, WORLD_SIZE, LOCAL_RANK,
// LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT.
struct DistributedSettings {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    int localWorldSize = 1; // ranks on this machine: they share its cores
    std::string masterAddress = "127.0.0.1";
    int masterPort = 29500;
    // How long a rank waits for the others (to join, or to answer in a collective) before it
    // gives up with an error: a rank that died or hangs never leaves the others waiting forever.
    std::chrono::seconds timeout{300};
    // torchrun's agent already serves the store on MASTER_PORT (TORCHELASTIC_USE_AGENT_STORE);
    // rank 0 then joins it instead of serving its own.
    bool agentServesStore = false;
    std::string socketInterface; // GLOO_SOCKET_IFNAME: the network interface Gloo uses

    bool isLeader() const { return rank == 0; }
};

// Reads `name` from the environment; empty when unset. Tests pass their own.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> processEnvironment(const std::string& name);

// The settings the environment describes; nullopt when WORLD_SIZE is unset or 1 (a single
// process). Throws InputError naming the variable that is missing or wrong.
std::optional<DistributedSettings>
distributedSettingsFromEnvironment(const EnvironmentLookup& lookup = processEnvironment);

// The part of `count` items that rank `rank` of `worldSize` takes: contiguous, sizes differing
// by at most one, the lower ranks taking the larger parts.
struct ShardRange {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    std::int64_t size() const { return end - begin; }
};
ShardRange shardOf(std::int64_t count, int rank, int worldSize);
// Throws InputError (--batch-size) when a batch has fewer images than there are ranks.
void requireSplittable(int batchSize, int worldSize);

// The thread count a rank uses when none is given: the machine's cores shared among the ranks
// that run on it.
int defaultThreadsPerRank(const DistributedSettings& settings);

class Collectives;

// A connected group of ranks: LibTorch's c10d process group (Gloo) over its TCPStore
// rendezvous. Connecting waits (up to the timeout) until every rank has joined.
class Communicator {
public:
    // Throws DistributedError when the rendezvous fails or times out.
    static std::shared_ptr<Communicator> connect(const DistributedSettings& settings);
    ~Communicator();
    Communicator(const Communicator&) = delete;
    Communicator& operator=(const Communicator&) = delete;

    const DistributedSettings& settings() const;
    int rank() const { return settings().rank; }
    int worldSize() const { return settings().worldSize; }
    std::string backend() const;

    // Every rank's `text` must equal rank 0's; otherwise throws InputError naming `what` and
    // the first rank that differs (settings, data or checkpoint that do not match).
    void requireSameOnEveryRank(const std::string& what, const std::string& text);

    Collectives& collectives();

private:
    struct Impl;
    explicit Communicator(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// A collective that failed: a rank died, hung past the timeout, or the network broke.
class DistributedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace inception
