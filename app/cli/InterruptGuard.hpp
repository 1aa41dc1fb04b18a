#pragma once

#include "core/training/TrainingControl.hpp"

#include <csignal>

namespace inception::cli {

// While it lives, Ctrl-C (and SIGTERM) cancel `control`: the run stops between batches and
// saves a checkpoint. One at a time.
class InterruptGuard {
public:
    explicit InterruptGuard(TrainingControl& control);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction previousInt_ {};
    struct sigaction previousTerm_ {};
};

} // namespace inception::cli
