// File locks: one holder at a time, free again when the holder goes.
#include "core/base/FileLock.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

namespace inception {
namespace {

TEST(FileLock, OneHolderAtATimeAndFreeAgainAfterIt) {
    test::TemporaryFolder tmp;
    const std::string path = (tmp / "trial.lock").string();
    EXPECT_FALSE(FileLock::isHeld(path));
    {
        const auto lock = FileLock::tryAcquire(path);
        ASSERT_TRUE(lock);
        EXPECT_TRUE(FileLock::isHeld(path));
        EXPECT_FALSE(FileLock::tryAcquire(path));
    }
    EXPECT_FALSE(FileLock::isHeld(path));
    EXPECT_TRUE(FileLock::tryAcquire(path));
}

TEST(FileLock, AnotherProcessSeesTheLockAndItDiesWithItsHolder) {
    test::TemporaryFolder tmp;
    const std::string path = (tmp / "trial.lock").string();
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    if (child == 0) {
        const auto lock = FileLock::tryAcquire(path);
        char byte = lock ? 'y' : 'n';
        (void)!write(ready[1], &byte, 1);
        pause(); // holds the lock until killed
        _exit(0);
    }
    char byte = 0;
    ASSERT_EQ(read(ready[0], &byte, 1), 1);
    EXPECT_EQ(byte, 'y');
    EXPECT_TRUE(FileLock::isHeld(path));
    EXPECT_FALSE(FileLock::tryAcquire(path));
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    EXPECT_TRUE(FileLock::tryAcquire(path));
    EXPECT_TRUE(test::contains(test::errorOf([] { FileLock::tryAcquire("/no/such/dir/x.lock"); }),
                               "cannot make the lock file"));
}

} // namespace
} // namespace inception
