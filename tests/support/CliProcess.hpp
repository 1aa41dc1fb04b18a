#pragma once

#include "tests/support/ChildProcess.hpp"
#include "tests/support/TestSupport.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace inception::test {

struct CliOutcome {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs the inception-cli under test, its output in files of a temporary folder of its own.
class Cli {
public:
    // `whileRunning` gets the pid and the stdout file's path.
    CliOutcome
    run(const std::vector<std::string>& args,
        const std::function<void(pid_t, const std::filesystem::path&)>& whileRunning = nullptr,
        const std::map<std::string, std::string>& environment = {}) {
        const std::filesystem::path out = tmp_ / ("out" + std::to_string(count_));
        const std::filesystem::path err = tmp_ / ("err" + std::to_string(count_++));
        std::vector<std::string> command = {cliPath()};
        command.insert(command.end(), args.begin(), args.end());
        ChildProcess cli(command, out, err, environment);
        if (whileRunning)
            whileRunning(cli.pid(), out);
        CliOutcome o;
        o.exitCode = cli.wait();
        o.out = readFile(out);
        o.err = readFile(err);
        return o;
    }
    const TemporaryFolder& folder() const { return tmp_; }

private:
    TemporaryFolder tmp_;
    int count_ = 0;
};

} // namespace inception::test
