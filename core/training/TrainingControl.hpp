#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace inception {

// Commands to a running trainer from any thread (or a signal handler: requestCancel only
// stores a lock-free atomic). The trainer polls between batches.
class TrainingControl {
public:
    void requestPause() { paused_.store(true); }
    void requestResume() { paused_.store(false); }
    void requestCancel() { cancelled_.store(true); }
    // A copy of the training state at the next batch boundary (also while paused), written
    // to `path`; the trainer reports it as checkpointSaved or checkpointFailed.
    void requestCheckpoint(std::string path) {
        const std::lock_guard lock(mutex_);
        checkpointRequest_ = std::move(path);
    }
    std::optional<std::string> takeCheckpointRequest() {
        const std::lock_guard lock(mutex_);
        return std::exchange(checkpointRequest_, std::nullopt);
    }
    // Ends the run, stopped and resumable, after this epoch's evaluation and checkpoint (an
    // experiment's rung); 0: no such stop. See StoppingRules.
    void requestStopAfterEpoch(int epoch) { stopAfterEpoch_.store(epoch); }
    int stopAfterEpoch() const { return stopAfterEpoch_.load(); }
    bool pauseRequested() const { return paused_.load(); }
    bool cancelRequested() const { return cancelled_.load(); }

    // Whether the trainer is holding still in waitWhilePaused: the pause took effect, and
    // every batch before it has been reported.
    bool isHolding() const { return holding_.load(); }

    // Blocks while paused, calling `whilePaused` every 20 ms; returns false when the run
    // should stop.
    template <typename Idle> bool waitWhilePaused(Idle&& whilePaused) {
        holding_.store(true);
        while (paused_.load() && !cancelled_.load()) {
            whilePaused();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        holding_.store(false);
        return !cancelled_.load();
    }

private:
    static_assert(std::atomic<bool>::is_always_lock_free);
    std::atomic<bool> paused_{false};
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> holding_{false};
    std::atomic<int> stopAfterEpoch_{0};
    std::mutex mutex_;
    std::optional<std::string> checkpointRequest_;
};

} // namespace inception
