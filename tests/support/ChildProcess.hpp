#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace inception::test {

// A program started with its standard output and error going to files and, on top of this
// process's environment, the variables in `environment`. Destroying it kills and reaps the
// program if it still runs.
class ChildProcess {
public:
    ChildProcess(const std::vector<std::string>& command, const std::filesystem::path& out,
                 const std::filesystem::path& err,
                 const std::map<std::string, std::string>& environment = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // Waits for the end: the exit code, or 128 + the signal that ended it.
    int wait();

private:
    pid_t pid_ = -1;
    int exitCode_ = -1;
};

} // namespace inception::test
