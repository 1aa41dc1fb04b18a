#include "app/cli/InterruptGuard.hpp"

#include <atomic>

namespace inception::cli {

namespace {

std::atomic<TrainingControl*> interruptTarget{nullptr};

extern "C" void onInterrupt(int) {
    if (TrainingControl* control = interruptTarget.load())
        control->requestCancel();
}

} // namespace

InterruptGuard::InterruptGuard(TrainingControl& control) {
    interruptTarget.store(&control);
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previousInt_);
    sigaction(SIGTERM, &action, &previousTerm_);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &previousInt_, nullptr);
    sigaction(SIGTERM, &previousTerm_, nullptr);
    interruptTarget.store(nullptr);
}

} // namespace inception::cli
