// How a run's end becomes the CLI's exit code: each failure cause has its own, and a failure
// that is not the input's (a LibTorch error, replicas found to differ) is not "bad input".
#include "app/cli/ExitCodes.hpp"

#include <gtest/gtest.h>

namespace inception::cli {
namespace {

RunOutcome failed(FailureCause cause) {
    RunOutcome outcome;
    outcome.status = RunStatus::Failed;
    outcome.cause = cause;
    return outcome;
}

TEST(ExitCodesTest, EachEndHasItsCode) {
    RunOutcome finished;
    finished.status = RunStatus::Finished;
    EXPECT_EQ(exitCodeOf(finished), kExitOk);
    RunOutcome stopped;
    stopped.status = RunStatus::Stopped;
    EXPECT_EQ(exitCodeOf(stopped), kExitInterrupted);
    EXPECT_EQ(exitCodeOf(failed(FailureCause::BadInput)), kExitBadInput);
    EXPECT_EQ(exitCodeOf(failed(FailureCause::Diverged)), kExitDiverged);
    EXPECT_EQ(exitCodeOf(failed(FailureCause::GroupFailed)), kExitDistributed);
    EXPECT_EQ(exitCodeOf(failed(FailureCause::Internal)), kExitFailure);
}

} // namespace
} // namespace inception::cli
