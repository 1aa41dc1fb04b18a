#include "core/training/StoppingRules.hpp"

#include "core/base/TextFormat.hpp"
#include "core/training/TimeToAccuracy.hpp"

#include <algorithm>

namespace inception {

std::optional<EarlyStop> earlyStopAfterEpoch(const TrainingConfig& config,
                                             const std::vector<EpochSummary>& history,
                                             int stopAfterEpoch) {
    if (history.empty())
        return std::nullopt;
    const int epoch = history.back().epoch;
    if (config.stopAtTarget) {
        const auto reached = firstReached(history, config.targetAccuracy);
        if (reached && reached->epoch == epoch)
            return EarlyStop{RunStatus::Finished,
                             "reached the target test accuracy at epoch " + std::to_string(epoch)};
    }
    if (config.patience > 0) {
        // The first epoch with the best accuracy: a later tie is no improvement.
        const auto best = std::max_element(history.begin(), history.end(),
                                           [](const EpochSummary& a, const EpochSummary& b) {
                                               return a.testAccuracy < b.testAccuracy;
                                           });
        if (epoch - best->epoch >= config.patience && epoch < config.epochs)
            return EarlyStop{RunStatus::Finished,
                             "no better test accuracy for " + std::to_string(config.patience) +
                                 " epochs: the best stays " +
                                 formatText("%.2f%%", 100.0 * best->testAccuracy) + " at epoch " +
                                 std::to_string(best->epoch)};
    }
    if (stopAfterEpoch > 0 && epoch >= stopAfterEpoch && epoch < config.epochs)
        return EarlyStop{RunStatus::Stopped,
                         "stopped after epoch " + std::to_string(epoch) + " as asked"};
    return std::nullopt;
}

} // namespace inception
