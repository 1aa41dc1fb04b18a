#pragma once

#include "core/training/TrainingEvents.hpp"

namespace inception::cli {

// Exit codes of inception-cli (docs/cli.md).
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,
    kExitUsage = 2,
    kExitBadInput = 3,
    kExitDiverged = 4,
    kExitDistributed = 5, // another rank died, hung past the timeout, or the network failed
    kExitInterrupted = 130,
};

// How a training run that ended ends the process.
inline ExitCode exitCodeOf(const RunOutcome& outcome) {
    switch (outcome.status) {
    case RunStatus::Finished:
        return kExitOk;
    case RunStatus::Stopped:
    case RunStatus::Pruned:
        return kExitInterrupted;
    case RunStatus::Failed:
    case RunStatus::Running:
        break;
    }
    switch (outcome.cause) {
    case FailureCause::BadInput:
        return kExitBadInput;
    case FailureCause::Diverged:
        return kExitDiverged;
    case FailureCause::GroupFailed:
        return kExitDistributed;
    case FailureCause::None:
    case FailureCause::Internal:
        break;
    }
    return kExitFailure;
}

} // namespace inception::cli
