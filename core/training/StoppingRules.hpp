#pragma once

#include "core/training/TrainingEvents.hpp"

#include <optional>
#include <string>
#include <vector>

namespace inception {

// A run that ends before its last epoch, and why.
struct EarlyStop {
    RunStatus status = RunStatus::Finished;
    std::string message;
};

// Every rule that ends a run after an epoch, in one place, checked in this order:
// - the target test accuracy reached, with config.stopAtTarget (finished);
// - no better test accuracy for config.patience epochs (finished: a plateau);
// - `stopAfterEpoch` reached before the last epoch (stopped, to be resumed: an experiment's
//   rung); 0 for none.
// `history` holds the run's epochs so far, the one just finished last.
std::optional<EarlyStop> earlyStopAfterEpoch(const TrainingConfig& config,
                                             const std::vector<EpochSummary>& history,
                                             int stopAfterEpoch);

} // namespace inception
