#pragma once

#include "core/distributed/Distributed.hpp"

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace inception {

// The collectives a data-parallel run needs, over a c10d process group. Every failure of the
// group (a rank gone, a timeout) comes out as a DistributedError that names this rank, what it
// was doing and why, never as c10d's or Gloo's own exception.
class Collectives {
public:
    Collectives(c10::intrusive_ptr<c10d::ProcessGroup> group, DistributedSettings settings);

    // Sums `tensor` over the ranks in place; `during` says what for, in messages.
    void allReduceSum(torch::Tensor& tensor, const std::string& during);
    // Starts the same without waiting; finish with wait().
    c10::intrusive_ptr<c10d::Work> startAllReduceSum(torch::Tensor& tensor);
    void allReduceMax(torch::Tensor& tensor, const std::string& during);
    void broadcast(std::vector<torch::Tensor>& tensors, int root, const std::string& during);
    // True on every rank when every rank's tensors are bit for bit the same (compared by a
    // 64-bit hash of their bytes), false on every rank otherwise.
    bool identicalOnEveryRank(const std::vector<torch::Tensor>& tensors, const std::string& during);
    void wait(const c10::intrusive_ptr<c10d::Work>& work, const std::string& during);

    // A failure of the group, as the message every rank prints.
    [[noreturn]] void fail(const std::exception& cause, const std::string& during) const;

    const DistributedSettings& settings() const { return settings_; }

private:
    // Starts a collective with `start` and waits for it; failures of either become ours.
    template <typename Start> void complete(const std::string& during, Start start) {
        c10::intrusive_ptr<c10d::Work> work;
        try {
            work = start();
        } catch (const std::exception& e) {
            fail(e, during);
        }
        wait(work, during);
    }

    c10::intrusive_ptr<c10d::ProcessGroup> group_;
    DistributedSettings settings_;
};

// The text of the message for a failed collective; separate so that tests can check it.
std::string collectiveFailureMessage(const DistributedSettings& settings, const std::string& during,
                                     const std::string& cause);

} // namespace inception
