#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace inception {

// An experiment: a base network and settings, and what varies between its trials
// (docs/experiments.md has the file format).

// One varied key and its values, in the file's order: a spec field path
// ("units[3].out3x3", "stem.out_channels", "batch_norm", "dropout"), "width_multiplier",
// "recipe", or a training setting by its CLI name ("lr", "weight-decay" or "weight_decay").
struct VariedSetting {
    std::string key;
    std::vector<nlohmann::json> values;
};

enum class SearchKind { Grid, Random };
std::string toString(SearchKind kind);

// Successive halving: after each rung's epochs only the best `keep` share of the
// configurations still in the race trains on (at least one); the last rung is the runs' end
// when it equals their epochs.
struct Halving {
    std::vector<int> rungs;
    double keep = 1.0 / 3.0;

    bool enabled() const { return !rungs.empty(); }
    bool operator==(const Halving&) const = default;
};

struct ExperimentDefinition {
    std::string name;
    std::string data; // a --data source
    // The base as given: "model" (a preset, a spec file or an inline spec) and the settings.
    nlohmann::json base = nlohmann::json::object();
    std::vector<VariedSetting> vary;
    SearchKind search = SearchKind::Grid;
    int trials = 0;                   // configurations to try; 0: the whole grid (grid search only)
    std::vector<std::uint64_t> seeds; // each configuration runs once per seed
    Halving halving;
    std::uint64_t searchSeed = 0; // random search's draws
    // Where a relative spec path in "model" is read from: the experiment file's folder.
    std::string baseFolder;
};

// One training run of the experiment.
struct TrialPlan {
    int id = 0;            // 0-based: the order of the trials and their folders' numbers
    int configuration = 0; // the trials of one configuration differ by their seed only
    std::vector<std::pair<std::string, nlohmann::json>> values; // the varied keys' values
    std::uint64_t seed = 0;
    ModelSpec spec;
    TrainingConfig config;
    std::string folderName; // "003-u3.out3x3-128-lr-0.01"

    // "units[3].out3x3=128 lr=0.01" (and " seed=2021" when the experiment repeats seeds).
    std::string label(bool withSeed) const;
};

// Parses and checks a whole experiment: every trial's spec and settings are built, so a
// width that makes an invalid network is refused here. Throws InputError naming `source`
// and the field.
ExperimentDefinition experimentFromJson(const std::string& text, const std::string& source,
                                        const std::string& baseFolder);
// `baseFolder`: where relative spec paths point; empty: the file's own folder.
ExperimentDefinition loadExperimentFile(const std::string& path,
                                        const std::string& baseFolder = {});
nlohmann::ordered_json toJsonValue(const ExperimentDefinition& experiment);

// The trials in order: configurations (grid order, the first key slowest, or random draws),
// each once per seed. Throws InputError for a trial whose spec or settings are invalid.
std::vector<TrialPlan> planTrials(const ExperimentDefinition& experiment);

// A base for an experiment file from a network and its settings as the window holds them:
// {"model": the inline spec, then every setting by its name}.
nlohmann::json experimentBase(const ModelSpec& spec, const TrainingConfig& config);

// What an experiment costs before it starts. Training a trial's epoch on one image costs about
// three forward passes (the backward pass twice one).
struct ExperimentCost {
    int trials = 0;
    int configurations = 0;
    int trialEpochs = 0;       // every trial to its end
    int trialEpochsHalved = 0; // with halving keeping exactly its share at each rung
    double macsPerImage = 0.0; // of trialEpochsHalved: multiply-accumulates per training image
};
ExperimentCost estimateCost(const ExperimentDefinition& experiment,
                            const std::vector<TrialPlan>& trials);

// The epochs at which halving decides (the rungs before the runs' end).
std::vector<int> decisionRungs(const ExperimentDefinition& experiment, int epochs);

} // namespace inception
