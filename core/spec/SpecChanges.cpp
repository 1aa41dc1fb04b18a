#include "core/spec/SpecChanges.hpp"

#include "core/base/InputError.hpp"
#include "core/base/JsonKinds.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace inception {

using nlohmann::json;

namespace {

// Each leaf of the spec's JSON by its field path; an array of numbers (the input's mean or
// std) is one leaf.
void flatten(const json& value, const std::string& path, std::map<std::string, json>& leaves) {
    if (value.is_object()) {
        for (const auto& [key, child] : value.items())
            flatten(child, path.empty() ? key : path + "." + key, leaves);
    } else if (value.is_array() && !value.empty() && value.front().is_object()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            flatten(value[i], path + "[" + std::to_string(i) + "]", leaves);
    } else {
        leaves[path] = value;
    }
}

std::map<std::string, json> fieldsOf(const ModelSpec& spec) {
    json doc = toJsonValue(spec);
    doc.erase("name");
    doc.erase("format_version");
    std::map<std::string, json> leaves;
    flatten(doc, "", leaves);
    return leaves;
}

bool isFieldName(const std::string& key) {
    return !key.empty() && std::all_of(key.begin(), key.end(),
                                       [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// `units[3].out3x3` as a JSON pointer, /units/3/out3x3; empty for a malformed path. Names are
// letters, digits and `_`, indices at most four digits: nothing a JSON pointer escapes (`~`,
// `/`) and no index beyond size_t gets through.
std::string pointerOf(const std::string& field) {
    std::string pointer;
    std::size_t i = 0;
    while (i < field.size()) {
        const std::size_t end = field.find_first_of(".[", i);
        const std::string key = field.substr(i, end - i);
        if (!isFieldName(key))
            return {};
        pointer += "/" + key;
        i = end;
        while (i < field.size() && field[i] == '[') {
            const std::size_t close = field.find(']', i);
            const std::string index =
                close == std::string::npos ? "" : field.substr(i + 1, close - i - 1);
            if (index.empty() || index.size() > 4 ||
                !std::all_of(index.begin(), index.end(), ::isdigit))
                return {};
            pointer += "/" + std::to_string(std::stoi(index)); // no leading zeros
            i = close + 1;
        }
        if (i < field.size()) {
            if (field[i] != '.')
                return {};
            ++i;
        }
    }
    return pointer;
}

int scaled(int width, double multiplier) {
    return width == 0 ? 0 : std::max(1, static_cast<int>(std::lround(width * multiplier)));
}

} // namespace

std::vector<SpecChange> specChanges(const ModelSpec& from, const ModelSpec& to) {
    if (from.units.size() != to.units.size())
        return {{"units", std::to_string(from.units.size()) + " units",
                 std::to_string(to.units.size()) + " units"}};
    const auto before = fieldsOf(from);
    const auto after = fieldsOf(to);
    std::vector<SpecChange> changes;
    for (const auto& [field, value] : after) {
        const auto old = before.find(field);
        if (old == before.end() || old->second != value)
            changes.push_back({field,
                               old == before.end() ? std::string("(none)") : old->second.dump(),
                               value.dump()});
    }
    return changes;
}

std::string describedName(const ModelSpec& spec) {
    const auto base = preset(spec.name);
    if (!base)
        return spec.name;
    ModelSpec layers = spec;
    layers.input = base->input;
    layers.head.classes = base->head.classes;
    return layers == *base ? spec.name : spec.name + "-edited";
}

ModelSpec withField(const ModelSpec& spec, const std::string& field, const json& value) {
    const std::string pointer = pointerOf(field);
    if (pointer.empty())
        throw InputError(field, "is not a spec field path (like units[3].out3x3)");
    json doc = toJsonValue(spec);
    const json::json_pointer at(pointer);
    if (field == "name" || field == "format_version" || !doc.contains(at) ||
        doc.at(at).is_object() || doc.at(at).is_array())
        throw InputError(field, "is not a field of the spec (units are numbered from 0 to " +
                                    std::to_string(spec.units.size() - 1) + ")");
    if (!sameJsonKind(doc.at(at), value))
        throw InputError(field, "must be " + jsonKindName(doc.at(at)) + ", got " + value.dump());
    doc[at] = value;
    ModelSpec edited = modelSpecFromJsonValue(doc, field);
    edited.name = spec.name;
    return edited;
}

ModelSpec withWidthMultiplier(ModelSpec spec, double multiplier) {
    if (!std::isfinite(multiplier) || multiplier <= 0 || multiplier > 16)
        throw InputError("width_multiplier", "must be greater than 0 and at most 16");
    spec.stem.outChannels = scaled(spec.stem.outChannels, multiplier);
    for (InceptionSpec& u : spec.units)
        for (int* width :
             {&u.out1x1, &u.reduce3x3, &u.out3x3, &u.reduce5x5, &u.out5x5, &u.poolProj})
            *width = scaled(*width, multiplier);
    return spec;
}

} // namespace inception
