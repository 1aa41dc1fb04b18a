#include "core/experiments/Experiment.hpp"

#include "core/base/EnumNames.hpp"
#include "core/base/InputError.hpp"
#include "core/base/JsonKinds.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/spec/SpecChanges.hpp"
#include "core/training/Recipe.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace inception {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

constexpr EnumNames<SearchKind, 2> kSearchNames{
    "search", {{{SearchKind::Grid, "grid"}, {SearchKind::Random, "random"}}}};

constexpr int kMaxTrials = 10000;
constexpr const char* kWidthMultiplier = "width_multiplier";

// `weight-decay` and `weight_decay` are one setting.
std::string normalizedKey(std::string key) {
    std::replace(key.begin(), key.end(), '-', '_');
    return key;
}

bool isAugmentationKey(const std::string& key) {
    return key == "crop_padding" || key == "flip" || key == "horizontal_flip" || key == "normalize";
}

// The training settings an experiment may set: run.json's config fields but the recipe and
// the augmentation object, which has its own keys (and "augment", the CLI's switch).
bool isTrainingKey(const std::string& key) {
    static const std::set<std::string> keys = [] {
        std::set<std::string> names;
        const json defaults = toJsonValue(TrainingConfig{});
        for (auto it = defaults.begin(); it != defaults.end(); ++it)
            if (it.key() != "recipe" && it.key() != "augmentation")
                names.insert(it.key());
        return names;
    }();
    return keys.contains(key) || key == "augment" || isAugmentationKey(key);
}

bool isSpecKey(const std::string& key) {
    return key == "dropout" || key == "batch_norm" || key.find_first_of(".[") != std::string::npos;
}

void applyTrainingSetting(TrainingConfig& config, const std::string& key, const json& value) {
    if (key == "augment") {
        if (!value.is_boolean())
            throw InputError(key, "must be true or false, got " + value.dump());
        config.augmentation = value.get<bool>() ? standardAugmentation() : AugmentOptions{};
        return;
    }
    json doc = toJsonValue(config);
    json& slot = isAugmentationKey(key)
                     ? doc["augmentation"][key == "flip" ? "horizontal_flip" : key]
                     : doc[key];
    if (!sameJsonKind(slot, value))
        throw InputError(key, "must be " + jsonKindName(slot) + ", got " + value.dump());
    slot = value;
    try {
        config = trainingConfigFromJsonValue(doc, key);
    } catch (const InputError& e) {
        throw InputError(key, e.what());
    }
}

// One setting of the base or of a trial; `where` names it in errors ("vary.lr").
void applySetting(ModelSpec& spec, TrainingConfig& config, const std::string& given,
                  const json& value, const std::string& where) {
    const std::string key = normalizedKey(given);
    try {
        if (isTrainingKey(key))
            applyTrainingSetting(config, key, value);
        else if (key == "dropout")
            spec = withField(spec, "head.dropout", value);
        else if (isSpecKey(key))
            spec = withField(spec, given, value);
        else
            throw InputError(given, "unknown setting: not a training option, a spec field "
                                    "(units[3].out3x3) or width_multiplier");
    } catch (const InputError& e) {
        throw InputError(where, e.what());
    }
}

ModelSpec baseModel(const json& model, const std::string& baseFolder, const std::string& where) {
    if (model.is_object())
        return modelSpecFromJsonValue(model, where);
    if (!model.is_string())
        throw InputError(where, "must be a preset name, a spec file or a spec object");
    const std::string name = model.get<std::string>();
    if (auto spec = preset(name))
        return *spec;
    fs::path file(name);
    if (file.is_relative() && !baseFolder.empty())
        file = fs::path(baseFolder) / file;
    return loadModelSpec(file.string());
}

const json* findKey(const json& object, const std::string& key) {
    for (const auto& [name, value] : object.items())
        if (normalizedKey(name) == key)
            return &value;
    return nullptr;
}

json plain(const ordered_json& value) {
    return json::parse(value.dump());
}

void requireKnownKeys(const ordered_json& doc, std::initializer_list<const char*> known,
                      const std::string& where) {
    for (const auto& item : doc.items())
        if (std::none_of(known.begin(), known.end(),
                         [&](const char* k) { return item.key() == k; }))
            throw InputError(where + item.key(), "unknown field");
}

int positiveInt(const ordered_json& value, const std::string& where) {
    if (!value.is_number_integer() || value.get<long long>() < 1 ||
        value.get<long long>() > kMaxTrials)
        throw InputError(where, "must be a whole number from 1 to " + std::to_string(kMaxTrials) +
                                    ", got " + value.dump());
    return value.get<int>();
}

Halving readHalving(const ordered_json& doc, const std::string& where) {
    if (!doc.is_object())
        throw InputError(where, "must be an object like {\"rungs\": [3, 9, 27], \"keep\": 0.33}");
    requireKnownKeys(doc, {"rungs", "keep"}, where + ".");
    Halving halving;
    const auto rungs = doc.find("rungs");
    if (rungs == doc.end() || !rungs->is_array() || rungs->empty())
        throw InputError(where + ".rungs", "must be a non-empty list of epochs");
    for (const auto& rung : *rungs) {
        const int epochs = positiveInt(rung, where + ".rungs");
        if (!halving.rungs.empty() && epochs <= halving.rungs.back())
            throw InputError(where + ".rungs", "must grow from rung to rung, got " + rungs->dump());
        halving.rungs.push_back(epochs);
    }
    if (const auto keep = doc.find("keep"); keep != doc.end()) {
        if (!keep->is_number() || keep->get<double>() <= 0 || keep->get<double>() >= 1)
            throw InputError(where + ".keep",
                             "must be a share between 0 and 1, got " + keep->dump());
        halving.keep = keep->get<double>();
    }
    return halving;
}

std::string valueText(const json& value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "on" : "off";
    return value.dump();
}

// "units[3].out3x3" → "u3.out3x3", "width_multiplier" → "x", others as they are.
std::string shortKey(const std::string& key) {
    if (key == kWidthMultiplier)
        return "x";
    if (key.rfind("units[", 0) == 0) {
        const auto close = key.find(']');
        return "u" + key.substr(6, close - 6) + key.substr(close + 1);
    }
    return key;
}

std::string folderNameOf(const TrialPlan& trial, bool withSeed) {
    char number[16];
    std::snprintf(number, sizeof number, "%03d", trial.id);
    std::string name = number;
    for (const auto& [key, value] : trial.values)
        name += "-" + shortKey(key) + "-" + valueText(value);
    if (withSeed)
        name += "-s" + std::to_string(trial.seed);
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
            c = '-';
    return name.substr(0, 96);
}

TrialPlan buildTrial(const ExperimentDefinition& e, const ModelSpec& baseSpec,
                     std::vector<std::pair<std::string, json>> values, std::uint64_t seed) {
    TrialPlan trial;
    trial.values = std::move(values);
    const auto varied = [&](const std::string& key) -> const json* {
        for (const auto& [name, value] : trial.values)
            if (normalizedKey(name) == key)
                return &value;
        return nullptr;
    };
    ModelSpec spec = baseSpec;
    TrainingConfig config;
    const json* recipe = varied("recipe");
    const std::string recipeWhere = recipe ? "vary.recipe" : "base.recipe";
    if (!recipe)
        recipe = findKey(e.base, "recipe");
    if (recipe) {
        if (!recipe->is_string())
            throw InputError(recipeWhere, "must be a recipe's name, got " + recipe->dump());
        const Recipe r = recipeNamed(recipe->get<std::string>(), recipeWhere);
        config = r.config;
        spec = withStructure(spec, r.structure);
    }
    for (const auto& [key, value] : e.base.items()) {
        const std::string k = normalizedKey(key);
        if (k != "model" && k != "recipe" && k != kWidthMultiplier)
            applySetting(spec, config, key, value, "base." + key);
    }
    for (const auto& [key, value] : trial.values) {
        const std::string k = normalizedKey(key);
        if (k != "recipe" && k != kWidthMultiplier)
            applySetting(spec, config, key, value, "vary." + key);
    }
    const json* multiplier = varied(kWidthMultiplier);
    const std::string multiplierWhere = multiplier ? "vary." : "base.";
    if (!multiplier)
        multiplier = findKey(e.base, kWidthMultiplier);
    if (multiplier) {
        if (!multiplier->is_number())
            throw InputError(multiplierWhere + kWidthMultiplier,
                             "must be a number, got " + multiplier->dump());
        try {
            spec = withWidthMultiplier(spec, multiplier->get<double>());
        } catch (const InputError& ex) {
            throw InputError(multiplierWhere + ex.where(), ex.what());
        }
    }
    if (e.halving.enabled() && !findKey(e.base, "epochs"))
        config.epochs = e.halving.rungs.back();
    config.seed = seed;
    try {
        requireValid(config);
        requireValid(spec, trial.label(false));
    } catch (const InputError& ex) {
        throw InputError("trial " + trial.label(false), ex.oneLine());
    }
    trial.spec = spec;
    trial.config = config;
    return trial;
}

// The grid's configurations by the index of each key's value, the first key slowest.
std::vector<std::vector<std::size_t>> gridIndices(const std::vector<VariedSetting>& vary) {
    std::vector<std::vector<std::size_t>> all{{}};
    for (const VariedSetting& v : vary) {
        std::vector<std::vector<std::size_t>> next;
        for (const auto& prefix : all)
            for (std::size_t i = 0; i < v.values.size(); ++i) {
                next.push_back(prefix);
                next.back().push_back(i);
            }
        all = std::move(next);
    }
    return all;
}

std::vector<std::vector<std::size_t>> chosenConfigurations(const ExperimentDefinition& e) {
    auto grid = gridIndices(e.vary);
    const auto budget = static_cast<std::size_t>(e.trials);
    if (e.trials == 0 || budget >= grid.size())
        return grid;
    if (e.search == SearchKind::Grid) {
        grid.resize(budget);
        return grid;
    }
    std::mt19937_64 random(e.searchSeed);
    std::set<std::vector<std::size_t>> drawn;
    std::vector<std::vector<std::size_t>> chosen;
    while (chosen.size() < budget) {
        std::vector<std::size_t> pick;
        for (const VariedSetting& v : e.vary)
            pick.push_back(
                std::uniform_int_distribution<std::size_t>(0, v.values.size() - 1)(random));
        if (drawn.insert(pick).second)
            chosen.push_back(pick);
    }
    return chosen;
}

} // namespace

std::string toString(SearchKind kind) {
    return kSearchNames.nameOf(kind);
}

std::string TrialPlan::label(bool withSeed) const {
    std::string text;
    for (const auto& [key, value] : values)
        text += (text.empty() ? "" : " ") + key + "=" + valueText(value);
    if (withSeed || text.empty())
        text += (text.empty() ? "" : " ") + std::string("seed=") + std::to_string(seed);
    return text;
}

ExperimentDefinition experimentFromJson(const std::string& text, const std::string& source,
                                        const std::string& baseFolder) {
    ordered_json doc;
    try {
        doc = ordered_json::parse(text);
    } catch (const json::exception& e) {
        throw InputError(source, std::string("not valid JSON: ") + e.what());
    }
    ExperimentDefinition e;
    e.baseFolder = baseFolder;
    try {
        if (!doc.is_object())
            throw InputError("(top level)", "must be a JSON object");
        requireKnownKeys(doc,
                         {"name", "data", "base", "vary", "search", "trials", "seeds", "halving",
                          "search_seed", "format_version"},
                         "");
        const auto name = doc.find("name");
        if (name == doc.end() || !name->is_string() || name->get<std::string>().empty())
            throw InputError("name", "must be a non-empty string");
        e.name = name->get<std::string>();
        const auto data = doc.find("data");
        if (data == doc.end() || !data->is_string() || data->get<std::string>().empty())
            throw InputError("data", "must be a data source such as \"cifar10:PATH\"");
        e.data = data->get<std::string>();
        if (const auto base = doc.find("base"); base != doc.end()) {
            if (!base->is_object())
                throw InputError("base", "must be an object of settings");
            e.base = plain(*base);
        }
        if (const auto vary = doc.find("vary"); vary != doc.end()) {
            if (!vary->is_object())
                throw InputError("vary", "must be an object: each key a list of values");
            for (const auto& [key, values] : vary->items()) {
                if (!values.is_array() || values.empty())
                    throw InputError("vary." + key, "must be a non-empty list of values");
                VariedSetting setting{key, {}};
                for (const auto& v : values)
                    setting.values.push_back(plain(v));
                e.vary.push_back(std::move(setting));
            }
        }
        if (const auto search = doc.find("search"); search != doc.end())
            e.search = kSearchNames.parse(
                search->is_string() ? search->get<std::string>() : search->dump(), "search");
        if (const auto trials = doc.find("trials"); trials != doc.end())
            e.trials = positiveInt(*trials, "trials");
        if (e.search == SearchKind::Random && e.trials == 0)
            throw InputError("trials", "random search needs a trial budget");
        const auto seeds = doc.find("seeds");
        const json* baseSeed = findKey(e.base, "seed");
        const std::uint64_t firstSeed = baseSeed && baseSeed->is_number_unsigned()
                                            ? baseSeed->get<std::uint64_t>()
                                            : TrainingConfig{}.seed;
        if (seeds == doc.end()) {
            e.seeds = {firstSeed};
        } else if (seeds->is_array()) {
            if (seeds->empty())
                throw InputError("seeds", "must be a count or a non-empty list of seeds");
            for (const auto& s : *seeds) {
                if (!s.is_number_unsigned())
                    throw InputError("seeds", "must hold whole numbers from 0, got " + s.dump());
                e.seeds.push_back(s.get<std::uint64_t>());
            }
        } else {
            const int count = positiveInt(*seeds, "seeds");
            for (int i = 0; i < count; ++i)
                e.seeds.push_back(firstSeed + static_cast<std::uint64_t>(i));
        }
        if (const auto halving = doc.find("halving"); halving != doc.end())
            e.halving = readHalving(*halving, "halving");
        if (e.halving.enabled() &&
            std::any_of(e.vary.begin(), e.vary.end(),
                        [](const VariedSetting& v) { return normalizedKey(v.key) == "epochs"; }))
            throw InputError("vary.epochs", "cannot vary with halving: the rungs set the epochs");
        if (const auto seed = doc.find("search_seed"); seed != doc.end()) {
            if (!seed->is_number_unsigned())
                throw InputError("search_seed", "must be a whole number from 0");
            e.searchSeed = seed->get<std::uint64_t>();
        }
        const std::size_t configurations = gridIndices(e.vary).size();
        if (configurations * e.seeds.size() > kMaxTrials)
            throw InputError("vary", "makes " + std::to_string(configurations * e.seeds.size()) +
                                         " trials; at most " + std::to_string(kMaxTrials));
        const auto trials = planTrials(e); // every trial's spec and settings are valid
        const int epochs = trials.front().config.epochs;
        if (e.halving.enabled() && e.halving.rungs.back() > epochs)
            throw InputError("halving.rungs",
                             "go past the runs' " + std::to_string(epochs) + " epochs");
    } catch (const InputError& ex) {
        throw InputError(source + ": " + ex.where(), ex.what());
    }
    return e;
}

ExperimentDefinition loadExperimentFile(const std::string& path, const std::string& baseFolder) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path, "cannot be read: no such file");
    std::ostringstream text;
    text << in.rdbuf();
    return experimentFromJson(
        text.str(), path, baseFolder.empty() ? fs::path(path).parent_path().string() : baseFolder);
}

ordered_json toJsonValue(const ExperimentDefinition& e) {
    ordered_json doc;
    doc["name"] = e.name;
    doc["data"] = e.data;
    doc["base"] = ordered_json::parse(e.base.dump());
    ordered_json vary = ordered_json::object();
    for (const VariedSetting& v : e.vary)
        vary[v.key] = ordered_json::parse(json(v.values).dump());
    doc["vary"] = vary;
    doc["search"] = toString(e.search);
    if (e.trials > 0)
        doc["trials"] = e.trials;
    doc["seeds"] = e.seeds;
    if (e.halving.enabled())
        doc["halving"] = {{"rungs", e.halving.rungs}, {"keep", e.halving.keep}};
    if (e.searchSeed != 0)
        doc["search_seed"] = e.searchSeed;
    return doc;
}

std::vector<TrialPlan> planTrials(const ExperimentDefinition& e) {
    const ModelSpec spec =
        baseModel(findKey(e.base, "model") ? *findKey(e.base, "model") : json("seed"), e.baseFolder,
                  "base.model");
    std::vector<TrialPlan> trials;
    int configuration = 0;
    for (const auto& indices : chosenConfigurations(e)) {
        std::vector<std::pair<std::string, json>> values;
        for (std::size_t k = 0; k < e.vary.size(); ++k)
            values.emplace_back(e.vary[k].key, e.vary[k].values[indices[k]]);
        for (const std::uint64_t seed : e.seeds) {
            TrialPlan trial = buildTrial(e, spec, values, seed);
            trial.id = static_cast<int>(trials.size());
            trial.configuration = configuration;
            trial.seed = seed;
            trial.folderName = folderNameOf(trial, e.seeds.size() > 1);
            trials.push_back(std::move(trial));
        }
        ++configuration;
    }
    return trials;
}

json experimentBase(const ModelSpec& spec, const TrainingConfig& config) {
    json base = {{"model", toJsonValue(spec)}};
    const json settings = toJsonValue(config);
    for (auto it = settings.begin(); it != settings.end(); ++it)
        if (it.key() != "recipe" && it.key() != "augmentation")
            base[it.key()] = it.value();
    base["crop_padding"] = config.augmentation.cropPadding;
    base["flip"] = config.augmentation.horizontalFlip;
    base["normalize"] = config.augmentation.normalize;
    return base;
}

ExperimentCost estimateCost(const ExperimentDefinition& e, const std::vector<TrialPlan>& trials) {
    ExperimentCost cost;
    cost.trials = static_cast<int>(trials.size());
    if (trials.empty())
        return cost;
    cost.configurations = trials.back().configuration + 1;
    const int seeds = static_cast<int>(e.seeds.size());
    const int epochs = trials.front().config.epochs;
    for (const TrialPlan& t : trials)
        cost.trialEpochs += t.config.epochs;
    // Halving: every configuration to the first rung, then the kept share on to the next.
    std::vector<int> marks = decisionRungs(e, epochs);
    marks.push_back(epochs);
    std::vector<double> macs;
    for (const TrialPlan& t : trials)
        macs.push_back(static_cast<double>(analyze(t.spec).macs));
    double meanMacs = 0;
    for (const double m : macs)
        meanMacs += m / static_cast<double>(macs.size());
    int racing = cost.configurations;
    int done = 0;
    for (const int mark : marks) {
        if (!e.halving.enabled() && mark != epochs)
            continue;
        const int epochsHere = mark - done;
        cost.trialEpochsHalved += racing * seeds * epochsHere;
        cost.macsPerImage += 3.0 * meanMacs * racing * seeds * epochsHere;
        done = mark;
        racing = std::max(1, static_cast<int>(std::ceil(e.halving.keep * racing - 1e-9)));
    }
    if (!e.halving.enabled()) {
        cost.trialEpochsHalved = cost.trialEpochs;
        cost.macsPerImage = 0;
        for (std::size_t i = 0; i < trials.size(); ++i)
            cost.macsPerImage += 3.0 * macs[i] * trials[i].config.epochs;
    }
    return cost;
}

std::vector<int> decisionRungs(const ExperimentDefinition& e, int epochs) {
    std::vector<int> rungs;
    for (const int rung : e.halving.rungs)
        if (rung < epochs)
            rungs.push_back(rung);
    return rungs;
}

} // namespace inception
