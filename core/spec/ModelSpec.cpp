#include "core/spec/ModelSpec.hpp"

#include "core/base/InputError.hpp"
#include "core/spec/Geometry.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

namespace inception {

namespace {

using nlohmann::json;

// Large enough for any sensible experiment, small enough that a typo (64000 for 64)
// is caught before it allocates gigabytes.
constexpr int kMaxChannels = 4096;
constexpr int kMaxUnits = 64;
constexpr int kMaxInputSize = 1024;
constexpr int kMaxKernel = 15;
constexpr int kMaxClasses = 100000;

void checkRange(std::vector<SpecIssue>& issues, const std::string& field, int value, int low,
                int high) {
    if (value < low)
        issues.push_back(
            {field, "must be at least " + std::to_string(low) + ", got " + std::to_string(value)});
    else if (value > high)
        issues.push_back(
            {field, "must be at most " + std::to_string(high) + ", got " + std::to_string(value)});
}

std::string unitField(std::size_t unit, const char* name) {
    return "units[" + std::to_string(unit) + "]." + name;
}

// Reads `object[key]` as an int, naming the field when it is missing or of another type.
int readInt(const json& object, const std::string& path, const char* key, int fallback,
            bool required) {
    const auto it = object.find(key);
    const std::string field = path.empty() ? key : path + "." + key;
    if (it == object.end()) {
        if (required)
            throw InputError(field, "is missing");
        return fallback;
    }
    if (!it->is_number_integer())
        throw InputError(field, "must be a whole number, got " + it->dump());
    const auto value = it->get<long long>();
    if (value < -1'000'000'000LL || value > 1'000'000'000LL)
        throw InputError(field, "is out of range: " + it->dump());
    return static_cast<int>(value);
}

bool readBool(const json& object, const std::string& path, const char* key, bool fallback) {
    const auto it = object.find(key);
    if (it == object.end())
        return fallback;
    if (!it->is_boolean())
        throw InputError(path.empty() ? key : path + "." + key,
                         "must be true or false, got " + it->dump());
    return it->get<bool>();
}

double readNumber(const json& object, const std::string& path, const char* key, double fallback) {
    const auto it = object.find(key);
    if (it == object.end())
        return fallback;
    if (!it->is_number())
        throw InputError(path + "." + key, "must be a number, got " + it->dump());
    return it->get<double>();
}

// Reads `object[key]` as a list of numbers; empty when absent.
std::vector<double> readNumbers(const json& object, const std::string& path, const char* key) {
    const auto it = object.find(key);
    if (it == object.end())
        return {};
    const std::string field = path + "." + key;
    if (!it->is_array())
        throw InputError(field, "must be a list of numbers, got " + it->dump());
    std::vector<double> values;
    for (std::size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_number())
            throw InputError(field + "[" + std::to_string(i) + "]",
                             "must be a number, got " + (*it)[i].dump());
        values.push_back((*it)[i].get<double>());
    }
    return values;
}

void checkNormalization(std::vector<SpecIssue>& issues, const InputSpec& input) {
    const auto channels = static_cast<std::size_t>(input.channels);
    if (input.mean.empty() && input.std.empty())
        return;
    if (input.mean.size() != channels)
        issues.push_back({"input.mean", "needs one value per channel (" + std::to_string(channels) +
                                            "), got " + std::to_string(input.mean.size())});
    if (input.std.size() != channels)
        issues.push_back({"input.std", "needs one value per channel (" + std::to_string(channels) +
                                           "), got " + std::to_string(input.std.size())});
    for (std::size_t c = 0; c < input.std.size(); ++c)
        if (!(input.std[c] > 0.0 && std::isfinite(input.std[c])))
            issues.push_back({"input.std[" + std::to_string(c) + "]",
                              "must be a positive number, got " + std::to_string(input.std[c])});
    for (std::size_t c = 0; c < input.mean.size(); ++c)
        if (!std::isfinite(input.mean[c]))
            issues.push_back({"input.mean[" + std::to_string(c) + "]", "must be a finite number"});
}

const json& readObject(const json& parent, const char* key, const json& empty) {
    const auto it = parent.find(key);
    if (it == parent.end())
        return empty;
    if (!it->is_object())
        throw InputError(key, "must be an object, got " + it->dump());
    return *it;
}

} // namespace

int ModelSpec::unitInputChannels(std::size_t unit) const {
    return unit == 0 ? stem.outChannels : units.at(unit - 1).outChannels();
}

int ModelSpec::featureChannels() const {
    return units.empty() ? stem.outChannels : units.back().outChannels();
}

std::vector<SpecIssue> validate(const ModelSpec& spec) {
    std::vector<SpecIssue> issues;
    checkRange(issues, "input.channels", spec.input.channels, 1, 64);
    checkRange(issues, "input.height", spec.input.height, 1, kMaxInputSize);
    checkRange(issues, "input.width", spec.input.width, 1, kMaxInputSize);
    checkNormalization(issues, spec.input);

    const StemSpec& stem = spec.stem;
    checkRange(issues, "stem.out_channels", stem.outChannels, 1, kMaxChannels);
    checkRange(issues, "stem.kernel", stem.kernel, 1, kMaxKernel);
    if (stem.kernel >= 1 && stem.kernel % 2 == 0)
        issues.push_back(
            {"stem.kernel", "must be odd (same padding), got " + std::to_string(stem.kernel)});
    checkRange(issues, "stem.stride", stem.stride, 1, 8);

    if (spec.units.empty())
        issues.push_back({"units", "must hold at least one Inception unit"});
    if (spec.units.size() > static_cast<std::size_t>(kMaxUnits))
        issues.push_back({"units", "must hold at most " + std::to_string(kMaxUnits) +
                                       " units, got " + std::to_string(spec.units.size())});
    for (std::size_t i = 0; i < spec.units.size(); ++i) {
        const InceptionSpec& u = spec.units[i];
        checkRange(issues, unitField(i, "out1x1"), u.out1x1, 1, kMaxChannels);
        checkRange(issues, unitField(i, "reduce3x3"), u.reduce3x3, 1, kMaxChannels);
        checkRange(issues, unitField(i, "out3x3"), u.out3x3, 1, kMaxChannels);
        checkRange(issues, unitField(i, "reduce5x5"), u.reduce5x5, 1, kMaxChannels);
        checkRange(issues, unitField(i, "out5x5"), u.out5x5, 1, kMaxChannels);
        checkRange(issues, unitField(i, "pool_proj"), u.poolProj, 1, kMaxChannels);
    }

    checkRange(issues, "head.classes", spec.head.classes, 2, kMaxClasses);
    if (!(spec.head.dropout >= 0.0 && spec.head.dropout < 1.0))
        issues.push_back(
            {"head.dropout", "must be in [0, 1), got " + std::to_string(spec.head.dropout)});

    if (issues.empty()) {
        // Feature maps: the stem may shrink the image below one pixel.
        for (const auto& [field, size] :
             {std::pair{"input.height", spec.input.height}, {"input.width", spec.input.width}}) {
            int out = geometry::floorOutput(size, stem.kernel, stem.stride, stem.kernel / 2);
            if (out >= 1 && stem.maxPool)
                out = geometry::ceilOutput(out, 3, 2, 0);
            // The units' pools (3x3/2, padding 1) never take a 1x1 map below 1x1.
            if (out < 1)
                issues.push_back(
                    {field, "of " + std::to_string(size) + " shrinks below 1x1 after the stem"});
        }
    }
    return issues;
}

void requireValid(const ModelSpec& spec, const std::string& source) {
    const auto issues = validate(spec);
    if (!issues.empty()) {
        const std::string where =
            source.empty() ? issues.front().field : source + ": " + issues.front().field;
        throw InputError(where, issues.front().message);
    }
}

ModelSpec seedSpec() {
    ModelSpec spec;
    spec.name = "seed";
    spec.units = {{64, 16, 32, 8, 16, 16},
                  {64, 32, 64, 16, 32, 32},
                  {48, 56, 112, 32, 64, 32},
                  {32, 64, 128, 24, 64, 32},
                  {16, 112, 128, 24, 80, 32}};
    return spec;
}

ModelSpec tinySpec() {
    ModelSpec spec;
    spec.name = "tiny";
    spec.stem.outChannels = 16;
    spec.stem.kernel = 5;
    spec.units = {{8, 8, 16, 4, 8, 8}, {16, 16, 24, 4, 8, 8}};
    spec.head.dropout = 0.1;
    return spec;
}

ModelSpec wideSpec() {
    ModelSpec spec = seedSpec();
    spec.name = "wide";
    for (InceptionSpec& u : spec.units)
        u = {2 * u.out1x1,    2 * u.reduce3x3, 2 * u.out3x3,
             2 * u.reduce5x5, 2 * u.out5x5,    2 * u.poolProj};
    return spec;
}

std::vector<std::string> presetNames() {
    return {"seed", "tiny", "wide"};
}

std::optional<ModelSpec> preset(const std::string& name) {
    if (name == "seed")
        return seedSpec();
    if (name == "tiny")
        return tinySpec();
    if (name == "wide")
        return wideSpec();
    return std::nullopt;
}

json toJsonValue(const ModelSpec& spec) {
    json units = json::array();
    for (const InceptionSpec& u : spec.units)
        units.push_back({{"out1x1", u.out1x1},
                         {"reduce3x3", u.reduce3x3},
                         {"out3x3", u.out3x3},
                         {"reduce5x5", u.reduce5x5},
                         {"out5x5", u.out5x5},
                         {"pool_proj", u.poolProj},
                         {"pool_after", u.poolAfter}});
    json input = {{"channels", spec.input.channels},
                  {"height", spec.input.height},
                  {"width", spec.input.width}};
    if (spec.input.normalizes()) {
        input["mean"] = spec.input.mean;
        input["std"] = spec.input.std;
    }
    const json doc = {{"format_version", kSpecFormatVersion},
                      {"name", spec.name},
                      {"input", input},
                      {"stem",
                       {{"out_channels", spec.stem.outChannels},
                        {"kernel", spec.stem.kernel},
                        {"stride", spec.stem.stride},
                        {"lrn", spec.stem.localResponseNorm},
                        {"max_pool", spec.stem.maxPool}}},
                      {"units", units},
                      {"head", {{"dropout", spec.head.dropout}, {"classes", spec.head.classes}}},
                      {"batch_norm", spec.batchNorm}};
    return doc;
}

std::string toJson(const ModelSpec& spec, int indent) {
    return toJsonValue(spec).dump(indent);
}

ModelSpec modelSpecFromJson(const std::string& text, const std::string& source) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) { // parse_error, and out_of_range for 1e400
        throw InputError(source, std::string("not valid JSON: ") + e.what());
    }
    return modelSpecFromJsonValue(doc, source);
}

ModelSpec modelSpecFromJsonValue(const json& doc, const std::string& source) {
    try {
        if (!doc.is_object())
            throw InputError("(top level)", "must be a JSON object");
        const json empty = json::object();
        const int version = readInt(doc, "", "format_version", 1, false);
        if (version > kSpecFormatVersion)
            throw InputError("format_version",
                             "is " + std::to_string(version) +
                                 ": written by a newer Inception Workbench (this one reads " +
                                 std::to_string(kSpecFormatVersion) + ")");
        if (version < 1)
            throw InputError("format_version",
                             "must be at least 1, got " + std::to_string(version));
        ModelSpec spec;
        if (const auto it = doc.find("name"); it != doc.end()) {
            if (!it->is_string())
                throw InputError("name", "must be a string, got " + it->dump());
            spec.name = it->get<std::string>();
        }
        const json& input = readObject(doc, "input", empty);
        spec.input.channels = readInt(input, "input", "channels", 3, false);
        spec.input.height = readInt(input, "input", "height", 32, false);
        spec.input.width = readInt(input, "input", "width", 32, false);
        spec.input.mean = readNumbers(input, "input", "mean");
        spec.input.std = readNumbers(input, "input", "std");

        const json& stem = readObject(doc, "stem", empty);
        spec.stem.outChannels = readInt(stem, "stem", "out_channels", 64, false);
        spec.stem.kernel = readInt(stem, "stem", "kernel", 7, false);
        spec.stem.stride = readInt(stem, "stem", "stride", 2, false);
        spec.stem.localResponseNorm = readBool(stem, "stem", "lrn", true);
        spec.stem.maxPool = readBool(stem, "stem", "max_pool", true);

        const auto units = doc.find("units");
        if (units == doc.end())
            throw InputError("units", "is missing");
        if (!units->is_array())
            throw InputError("units", "must be an array, got " + units->dump());
        for (std::size_t i = 0; i < units->size(); ++i) {
            const json& u = (*units)[i];
            const std::string path = "units[" + std::to_string(i) + "]";
            if (!u.is_object())
                throw InputError(path, "must be an object, got " + u.dump());
            spec.units.push_back(
                {readInt(u, path, "out1x1", 0, true), readInt(u, path, "reduce3x3", 0, true),
                 readInt(u, path, "out3x3", 0, true), readInt(u, path, "reduce5x5", 0, true),
                 readInt(u, path, "out5x5", 0, true), readInt(u, path, "pool_proj", 0, true),
                 readBool(u, path, "pool_after", false)});
        }

        const json& head = readObject(doc, "head", empty);
        spec.head.dropout = readNumber(head, "head", "dropout", 0.4);
        spec.head.classes = readInt(head, "head", "classes", 10, false);
        spec.batchNorm = readBool(doc, "", "batch_norm", false);
        requireValid(spec, "");
        return spec;
    } catch (const InputError& e) {
        throw InputError(source + ": " + e.where(), e.what());
    }
}

ModelSpec loadModelSpec(const std::string& presetOrPath) {
    if (auto spec = preset(presetOrPath))
        return *spec;
    std::ifstream in(presetOrPath, std::ios::binary);
    if (!in) {
        std::string names;
        for (const auto& n : presetNames())
            names += (names.empty() ? "" : ", ") + n;
        throw InputError(presetOrPath, "no such file, and not a preset (" + names + ")");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return modelSpecFromJson(text.str(), presetOrPath);
}

} // namespace inception
