#pragma once

#include "core/training/TrainingEvents.hpp"

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace inception::ui {

// Where the training thread drops batch-level events and log lines; the GUI takes them all
// at its own pace (a few dozen times a second), however fast the batches come.
class EventMailbox {
public:
    struct Contents {
        std::vector<BatchProgress> batches;
        std::vector<std::string> lines;
        bool empty() const { return batches.empty() && lines.empty(); }
    };

    void post(const BatchProgress& batch) {
        std::lock_guard lock(mutex_);
        contents_.batches.push_back(batch);
    }
    void post(std::string line) {
        std::lock_guard lock(mutex_);
        contents_.lines.push_back(std::move(line));
    }
    Contents take() {
        std::lock_guard lock(mutex_);
        return std::exchange(contents_, {});
    }

private:
    std::mutex mutex_;
    Contents contents_;
};

} // namespace inception::ui
