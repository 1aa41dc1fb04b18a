#include "core/distributed/Distributed.hpp"

#include "core/base/InputError.hpp"
#include "core/distributed/Collectives.hpp"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <thread>

namespace inception {

namespace {

int parseWhole(const std::string& name, const std::string& text, int lowest, int highest) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end)
        throw InputError(name, "'" + text + "' is not a whole number");
    if (value < lowest || value > highest)
        throw InputError(name, std::to_string(value) + " is outside " + std::to_string(lowest) +
                                   ".." + std::to_string(highest));
    return value;
}

bool isLoopback(const std::string& address) {
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

} // namespace

std::optional<std::string> processEnvironment(const std::string& name) {
    if (const char* value = std::getenv(name.c_str()))
        return std::string(value);
    return std::nullopt;
}

std::optional<DistributedSettings>
distributedSettingsFromEnvironment(const EnvironmentLookup& lookup) {
    const auto worldSize = lookup("WORLD_SIZE");
    if (!worldSize || worldSize->empty())
        return std::nullopt;
    constexpr int kMaxRanks = 1 << 16;
    DistributedSettings s;
    s.worldSize = parseWhole("WORLD_SIZE", *worldSize, 1, kMaxRanks);
    if (s.worldSize == 1)
        return std::nullopt;
    const auto required = [&](const char* name) {
        auto value = lookup(name);
        if (!value || value->empty())
            throw InputError(name, std::string("is not set; a run on ") +
                                       std::to_string(s.worldSize) +
                                       " ranks needs RANK, MASTER_ADDR and MASTER_PORT too "
                                       "(torchrun and scripts/launch-local set them)");
        return *value;
    };
    s.rank = parseWhole("RANK", required("RANK"), 0, s.worldSize - 1);
    s.masterAddress = required("MASTER_ADDR");
    s.masterPort = parseWhole("MASTER_PORT", required("MASTER_PORT"), 1, 65535);
    if (const auto local = lookup("LOCAL_RANK"); local && !local->empty())
        s.localRank = parseWhole("LOCAL_RANK", *local, 0, s.worldSize - 1);
    s.localWorldSize = s.localRank + 1;
    if (const auto local = lookup("LOCAL_WORLD_SIZE"); local && !local->empty())
        s.localWorldSize = parseWhole("LOCAL_WORLD_SIZE", *local, s.localRank + 1, s.worldSize);
    s.agentServesStore = lookup("TORCHELASTIC_USE_AGENT_STORE").value_or("") == "True";
    s.socketInterface = lookup("GLOO_SOCKET_IFNAME").value_or("");
    return s;
}

ShardRange shardOf(std::int64_t count, int rank, int worldSize) {
    const std::int64_t ranks = std::max(1, worldSize);
    const std::int64_t base = count / ranks;
    const std::int64_t extra = count % ranks;
    const std::int64_t r = rank;
    const std::int64_t begin = r * base + std::min(r, extra);
    return {begin, begin + base + (r < extra ? 1 : 0)};
}

void requireSplittable(int batchSize, int worldSize) {
    if (batchSize < worldSize)
        throw InputError("--batch-size", std::to_string(batchSize) +
                                             " images cannot be split among " +
                                             std::to_string(worldSize) + " ranks");
}

int defaultThreadsPerRank(const DistributedSettings& settings) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::max(1, cores / std::max(1, settings.localWorldSize));
}

struct Communicator::Impl {
    DistributedSettings settings;
    c10::intrusive_ptr<c10d::Store> store;
    std::unique_ptr<Collectives> collectives;
    int checks = 0; // keys of requireSameOnEveryRank, unique per call
};

Communicator::Communicator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Communicator::~Communicator() = default;

std::shared_ptr<Communicator> Communicator::connect(const DistributedSettings& settings) {
    auto impl = std::make_unique<Impl>();
    impl->settings = settings;
    const std::string joining = "joining the " + std::to_string(settings.worldSize) +
                                "-rank group at " + settings.masterAddress + ":" +
                                std::to_string(settings.masterPort);
    try {
        c10d::TCPStoreOptions options;
        options.port = static_cast<std::uint16_t>(settings.masterPort);
        options.isServer = settings.isLeader() && !settings.agentServesStore;
        if (!settings.agentServesStore)
            options.numWorkers = static_cast<std::size_t>(settings.worldSize);
        options.waitWorkers = false;
        options.timeout = settings.timeout;
        auto tcp = c10::make_intrusive<c10d::TCPStore>(settings.masterAddress, options);
        impl->store = c10::make_intrusive<c10d::PrefixStore>("inception-workbench", tcp);

        auto gloo = c10d::ProcessGroupGloo::Options::create(settings.timeout);
        if (!settings.socketInterface.empty())
            gloo->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForInterface(settings.socketInterface));
        else if (isLoopback(settings.masterAddress))
            gloo->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            gloo->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, settings.rank,
                                                                 settings.worldSize, gloo);
        impl->collectives = std::make_unique<Collectives>(group, settings);
    } catch (const DistributedError&) {
        throw;
    } catch (const std::exception& e) {
        throw DistributedError(collectiveFailureMessage(settings, joining, e.what()));
    }
    return std::shared_ptr<Communicator>(new Communicator(std::move(impl)));
}

const DistributedSettings& Communicator::settings() const {
    return impl_->settings;
}

std::string Communicator::backend() const {
    return "gloo";
}

Collectives& Communicator::collectives() {
    return *impl_->collectives;
}

void Communicator::requireSameOnEveryRank(const std::string& what, const std::string& text) {
    const std::string key = "same/" + std::to_string(impl_->checks++) + "/";
    const std::string during = "comparing the " + what + " of every rank";
    std::vector<std::uint8_t> leaderText;
    try {
        if (rank() == 0)
            impl_->store->set(key, std::vector<std::uint8_t>(text.begin(), text.end()));
        leaderText = impl_->store->get(key);
    } catch (const std::exception& e) {
        impl_->collectives->fail(e, during);
    }
    auto differs = torch::zeros({worldSize()}, torch::kInt64);
    differs[rank()] = std::string(leaderText.begin(), leaderText.end()) == text ? 0 : 1;
    impl_->collectives->allReduceSum(differs, during);
    const auto first = differs.nonzero();
    if (first.numel() > 0)
        throw InputError("rank " + std::to_string(first[0][0].item<std::int64_t>()),
                         "its " + what +
                             " differs from rank 0's; every rank must be started "
                             "with the same options, data and checkpoint");
}

} // namespace inception
