#pragma once

#include "tests/support/ChildProcess.hpp"
#include "tests/support/TestSupport.hpp"

#include <functional>
#include <map>
#include <stdexcept>
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

// inception-cli's arguments that train the tiny model on `images` synthetic images, quickly.
inline std::vector<std::string> tinyTraining(int images) {
    return {"train",   "--data",    "synthetic:" + std::to_string(images),
            "--model", "tiny",      "--batch-size",
            "10",      "--threads", "1"};
}

// One epoch of tinyTraining(images) into the Cli's folder/runs; returns the run directory.
inline std::filesystem::path trainTinyRun(Cli& cli, int images = 20) {
    auto args = tinyTraining(images);
    const auto runs = cli.folder() / "runs";
    args.insert(args.end(), {"--epochs", "1", "--out", runs.string()});
    if (const CliOutcome o = cli.run(args); o.exitCode != 0)
        throw std::runtime_error("the tiny run failed: " + o.err);
    return std::filesystem::directory_iterator(runs)->path();
}

} // namespace inception::test
