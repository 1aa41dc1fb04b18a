#pragma once

#include "core/training/TrainingEvents.hpp"

#include <optional>
#include <vector>

namespace inception {

// When a run's test accuracy first reached a target: the fast-training community's measure.
struct TargetReached {
    int epoch = 0;
    double seconds = 0.0; // the run's wall time to the end of that epoch, without pauses
};

// The first epoch of `history` whose test accuracy is at least `target`; none for target 0.
inline std::optional<TargetReached> firstReached(const std::vector<EpochSummary>& history,
                                                 double target) {
    if (target <= 0.0)
        return std::nullopt;
    for (const EpochSummary& e : history)
        if (e.testAccuracy >= target)
            return TargetReached{e.epoch, e.elapsedSeconds};
    return std::nullopt;
}

} // namespace inception
