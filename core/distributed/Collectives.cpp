#include "core/distributed/Collectives.hpp"

#include "core/base/Fnv1a.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace inception {

namespace {

// Gloo and c10d prefix their messages with the source position ("[../pair.cc:598] ") and
// sometimes append a backtrace; the user needs the one line in between.
std::string causeLine(const std::string& what) {
    std::string line = what.substr(0, what.find('\n'));
    static const std::regex sourcePosition(R"(^\[[^\]]*:[0-9]+\]\s*)");
    return std::regex_replace(line, sourcePosition, "");
}

bool mentions(const std::string& text, const char* part) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.find(part) != std::string::npos;
}

std::int64_t bytesHash(const std::vector<torch::Tensor>& tensors) {
    Fnv1a hash;
    for (const auto& tensor : tensors) {
        const auto bytes = tensor.contiguous();
        hash.add(bytes.data_ptr(), static_cast<std::size_t>(bytes.numel() * bytes.element_size()));
    }
    return static_cast<std::int64_t>(hash.value());
}

} // namespace

std::string collectiveFailureMessage(const DistributedSettings& settings, const std::string& during,
                                     const std::string& cause) {
    const std::string line = causeLine(cause);
    std::string why;
    if (mentions(line, "timed out") || mentions(line, "timeout"))
        why = "no answer from the other ranks within " + std::to_string(settings.timeout.count()) +
              " s (a rank died or hangs)";
    else if (mentions(line, "closed") || mentions(line, "reset") || mentions(line, "refused") ||
             mentions(line, "broken pipe"))
        why = "lost the connection to another rank (it died or was stopped)";
    else
        why = "the process group failed";
    return "distributed training stopped on rank " + std::to_string(settings.rank) + " of " +
           std::to_string(settings.worldSize) + " while " + during + ": " + why + " [" + line + "]";
}

Collectives::Collectives(c10::intrusive_ptr<c10d::ProcessGroup> group, DistributedSettings settings)
    : group_(std::move(group)), settings_(std::move(settings)) {}

void Collectives::fail(const std::exception& cause, const std::string& during) const {
    throw DistributedError(collectiveFailureMessage(settings_, during, cause.what()));
}

void Collectives::wait(const c10::intrusive_ptr<c10d::Work>& work, const std::string& during) {
    try {
        work->wait();
    } catch (const std::exception& e) {
        fail(e, during);
    }
}

c10::intrusive_ptr<c10d::Work> Collectives::startAllReduceSum(torch::Tensor& tensor) {
    std::vector<torch::Tensor> tensors{tensor};
    return group_->allreduce(tensors, c10d::AllreduceOptions{});
}

void Collectives::allReduceSum(torch::Tensor& tensor, const std::string& during) {
    complete(during, [&] { return startAllReduceSum(tensor); });
}

void Collectives::allReduceMax(torch::Tensor& tensor, const std::string& during) {
    complete(during, [&] {
        std::vector<torch::Tensor> tensors{tensor};
        c10d::AllreduceOptions options;
        options.reduceOp = c10d::ReduceOp::MAX;
        return group_->allreduce(tensors, options);
    });
}

bool Collectives::identicalOnEveryRank(const std::vector<torch::Tensor>& tensors,
                                       const std::string& during) {
    const std::int64_t hash = bytesHash(tensors);
    // The largest hash and the largest complement (~x falls as x rises): both equal ours only
    // when every rank's hash is ours.
    auto extremes = torch::tensor({hash, ~hash}, torch::kInt64);
    allReduceMax(extremes, during);
    return extremes[0].item<std::int64_t>() == hash && ~extremes[1].item<std::int64_t>() == hash;
}

void Collectives::broadcast(std::vector<torch::Tensor>& tensors, int root,
                            const std::string& during) {
    // One collective per dtype: the tensors' bytes flattened into one buffer, whatever their
    // memory layout, and copied back after.
    c10d::BroadcastOptions options;
    options.rootRank = root;
    std::vector<torch::ScalarType> types;
    for (const auto& tensor : tensors)
        if (std::find(types.begin(), types.end(), tensor.scalar_type()) == types.end())
            types.push_back(tensor.scalar_type());
    for (const auto type : types) {
        std::vector<torch::Tensor> parts;
        for (const auto& tensor : tensors)
            if (tensor.scalar_type() == type)
                parts.push_back(tensor.reshape(-1));
        std::vector<torch::Tensor> flat{torch::cat(parts)};
        complete(during, [&] { return group_->broadcast(flat, options); });
        torch::NoGradGuard noGrad;
        std::int64_t offset = 0;
        for (auto& tensor : tensors) {
            if (tensor.scalar_type() != type)
                continue;
            tensor.copy_(flat[0].narrow(0, offset, tensor.numel()).view(tensor.sizes()));
            offset += tensor.numel();
        }
    }
}

} // namespace inception
