#pragma once

#include <atomic>
#include <chrono>
#include <thread>

namespace inception {

// Commands to a running trainer from any thread (or a signal handler: requestCancel only
// stores a lock-free atomic). The trainer polls between batches.
class TrainingControl {
public:
    void requestPause() { paused_.store(true); }
    void requestResume() { paused_.store(false); }
    void requestCancel() { cancelled_.store(true); }
    bool pauseRequested() const { return paused_.load(); }
    bool cancelRequested() const { return cancelled_.load(); }

    // Blocks while paused; returns false when the run should stop.
    bool waitWhilePaused() const {
        while (paused_.load() && !cancelled_.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return !cancelled_.load();
    }

private:
    static_assert(std::atomic<bool>::is_always_lock_free);
    std::atomic<bool> paused_{false};
    std::atomic<bool> cancelled_{false};
};

} // namespace inception
