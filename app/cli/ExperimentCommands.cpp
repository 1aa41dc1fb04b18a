#include "app/cli/ExperimentCommands.hpp"

#include "app/cli/ConsoleReport.hpp"
#include "app/cli/ExitCodes.hpp"
#include "app/cli/InterruptGuard.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TextFormat.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/experiments/ExperimentRunner.hpp"
#include "core/training/TrainingLog.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace inception::cli {

namespace {

void printLine(const std::string& line) {
    std::cout << line << std::endl;
}

// Each trial's log, its lines led by the trial's number (processes share the terminal).
class ConsoleExperimentObserver : public ExperimentObserver {
public:
    void trialStarting(const TrialStatus& trial, int untilEpoch) override {
        prefix_ = formatText("[trial %d] ", trial.plan.id);
        log_ = std::make_unique<TrainingLog>(
            [prefix = prefix_](const std::string& line) { printLine(prefix + line); });
        printLine(prefix_ + trial.plan.label(true) + ": epochs " +
                  std::to_string(trial.epochsDone + 1) + "-" + std::to_string(untilEpoch) + " of " +
                  std::to_string(trial.epochs) + " in " + trial.folder);
    }
    TrainingObserver* trainingObserver() override { return log_.get(); }
    void trialEnded(const TrialStatus&, const RunOutcome& outcome) override {
        printLine(prefix_ + toString(outcome.status) +
                  (outcome.message.empty() ? "" : ": " + outcome.message));
    }
    void trialPruned(const TrialStatus& trial, const std::string& why) override {
        printLine(formatText("[trial %d] ", trial.plan.id) + why);
    }
    void waiting(const std::string& why) override {
        if (why != lastWait_)
            printLine(why);
        lastWait_ = why;
    }

private:
    std::string prefix_;
    std::string lastWait_;
    std::unique_ptr<TrainingLog> log_;
};

std::string folderName(std::string name) {
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            c = '-';
    return name;
}

std::optional<int> trialToRun(const std::string& trial) {
    if (trial.empty())
        return std::nullopt;
    std::string text = trial;
    if (trial == "auto") {
        const auto slurm = processEnvironment("SLURM_ARRAY_TASK_ID");
        const auto kubernetes = processEnvironment("JOB_COMPLETION_INDEX");
        text = slurm && !slurm->empty() ? *slurm : kubernetes.value_or("");
        if (text.empty())
            throw InputError("--trial auto", "neither SLURM_ARRAY_TASK_ID nor "
                                             "JOB_COMPLETION_INDEX is set");
    }
    std::size_t end = 0;
    int id = -1;
    try {
        id = std::stoi(text, &end);
    } catch (const std::exception&) {
        end = 0;
    }
    if (end != text.size() || end == 0)
        throw InputError("--trial", "must be a trial id or auto, got '" + text + "'");
    return id;
}

// Runs `parallel` runner processes of this program on the folder and waits for them all.
int runInProcesses(const ExperimentRunCommand& c, const std::string& folder) {
    const std::string self = "/proc/self/exe";
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int threads =
        c.threads > 0 ? c.threads : std::max(1, static_cast<int>(cores) / c.parallel);
    std::vector<std::string> args{self,    "experiment", "run",       c.file,
                                  "--out", folder,       "--threads", std::to_string(threads)};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<pid_t> children;
    for (int i = 0; i < c.parallel; ++i) {
        pid_t pid = 0;
        if (posix_spawn(&pid, self.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start a runner process: " + self);
        children.push_back(pid);
    }
    int worst = kExitOk;
    for (const pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : kExitFailure;
        if (code != kExitOk && worst == kExitOk)
            worst = code;
    }
    return worst;
}

std::string padded(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string statusText(const ExperimentStatus& status) {
    const bool seeds = status.definition.seeds.size() > 1;
    std::vector<std::string> head{"id"};
    for (const VariedSetting& v : status.definition.vary)
        head.push_back(v.key);
    if (seeds)
        head.push_back("seed");
    for (const char* h : {"status", "epochs", "best acc", "params", "MACs", "eval img/s", "front"})
        head.push_back(h);
    std::vector<std::vector<std::string>> rows{head};
    for (const TrialStatus& t : status.trials) {
        std::vector<std::string> row{std::to_string(t.plan.id)};
        for (const auto& [key, value] : t.plan.values)
            row.push_back(value.is_string() ? value.get<std::string>() : value.dump());
        if (seeds)
            row.push_back(std::to_string(t.plan.seed));
        row.push_back(toString(t.state));
        row.push_back(std::to_string(t.epochsDone) + "/" + std::to_string(t.epochs));
        row.push_back(t.epochsDone > 0 ? formatText("%.2f%%", 100.0 * t.bestTestAccuracy) : "-");
        row.push_back(withThousands(t.parameters));
        row.push_back(formatText("%.1f M", static_cast<double>(t.macs) / 1e6));
        row.push_back(t.evalImagesPerSecond > 0 ? formatText("%.0f", t.evalImagesPerSecond) : "-");
        row.push_back(t.onParetoFront ? "*" : "");
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> widths(head.size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    std::string text = "Experiment " + status.definition.name + " (" + status.folder +
                       "): " + std::to_string(status.trials.size()) + " trials, " +
                       std::to_string(status.count(TrialState::Finished)) + " finished, " +
                       std::to_string(status.count(TrialState::Pruned)) + " pruned, " +
                       std::to_string(status.count(TrialState::Failed)) + " failed\n";
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += (i ? "  " : "") + padded(row[i], widths[i]);
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        text += line + "\n";
    }
    if (seeds) {
        text += "Configurations over their seeds (best test accuracy, mean ± sd):\n";
        for (const ConfigurationSummary& c : status.configurations)
            text += formatText("  %d  %s: ", c.configuration, c.label.c_str()) +
                    (c.trials == 0 ? std::string("-")
                                   : formatText("%.2f%% ± %.2f (%d seeds)", 100.0 * c.meanAccuracy,
                                                100.0 * c.sdAccuracy, c.trials)) +
                    "\n";
    }
    std::string front;
    for (const int id : status.pareto)
        front += (front.empty() ? "" : ", ") + std::to_string(id);
    text += "Pareto front (best test accuracy against " + toString(status.cost) +
            "): " + (front.empty() ? "none yet (no finished trial)" : front) + "\n";
    std::string cpu;
    for (const TrialStatus& t : status.trials)
        if (!t.cpu.empty() && cpu.find(t.cpu) == std::string::npos)
            cpu += (cpu.empty() ? "" : "; ") + t.cpu;
    if (!cpu.empty())
        text += "Speeds measured on: " + cpu + "\n";
    return text;
}

} // namespace

int runExperiment(const ExperimentRunCommand& c) {
    const ExperimentDefinition definition = loadExperimentFile(c.file);
    const std::string folder = c.out.empty() ? "experiments/" + folderName(definition.name) : c.out;
    const std::optional<int> trial = trialToRun(c.trial);
    if (c.parallel < 1)
        throw InputError("--parallel", "must be at least 1");
    if (c.parallel > 1 && trial)
        throw InputError("--parallel", "runs several trials: leave out --trial");
    prepareExperimentFolder(c.file, folder);
    if (c.parallel > 1) {
        const int code = runInProcesses(c, folder);
        std::cout << statusText(readExperimentStatus(folder));
        return code;
    }
    ExperimentRunOptions options;
    options.folder = folder;
    options.onlyTrial = trial;
    options.threads = c.threads;
    options.poll = std::chrono::milliseconds(static_cast<int>(c.pollSeconds * 1000));
    ExperimentRunner runner(options);
    ConsoleExperimentObserver console;
    TrainingControl control;
    ExperimentOutcome outcome;
    {
        InterruptGuard guard(control);
        outcome = runner.run(control, console);
    }
    if (!trial)
        std::cout << statusText(readExperimentStatus(folder));
    if (outcome.stopped) {
        std::cerr << "interrupted: run the same command again to continue\n";
        return kExitInterrupted;
    }
    return kExitOk;
}

int runExperimentStatus(const ExperimentStatusCommand& c) {
    const ExperimentStatus status =
        readExperimentStatus(c.folder, parseCostMeasure(c.cost, "--cost"));
    if (c.json)
        std::cout << toJsonValue(status).dump(2) << '\n';
    else
        std::cout << statusText(status);
    return kExitOk;
}

} // namespace inception::cli
