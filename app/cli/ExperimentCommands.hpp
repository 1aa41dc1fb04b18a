#pragma once

#include <string>

namespace inception::cli {

struct ExperimentRunCommand {
    std::string file;
    std::string out;   // the experiment folder; default experiments/<name>
    int parallel = 1;  // runner processes sharing the folder
    std::string trial; // one trial's id, or "auto": SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX
    int threads = 0;   // per trial; 0: the cores over the processes
    double pollSeconds = 2.0;
};

struct ExperimentStatusCommand {
    std::string folder;
    std::string cost = "macs";
    bool json = false;
};

int runExperiment(const ExperimentRunCommand& command);
int runExperimentStatus(const ExperimentStatusCommand& command);

} // namespace inception::cli
