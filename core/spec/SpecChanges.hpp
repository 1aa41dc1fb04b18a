#pragma once

#include "core/spec/ModelSpec.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace inception {

// Specs compared and edited field by field, a field named by its path in the spec file:
// `units[3].out3x3`, `stem.out_channels`, `head.dropout`, `batch_norm` (units numbered from 0,
// as the Model page shows them).

struct SpecChange {
    std::string field;
    std::string from; // the values as JSON text
    std::string to;
};

// The fields of `to` whose values differ from `from`'s (a unit added or removed is one change
// of `units`); the names are not compared.
std::vector<SpecChange> specChanges(const ModelSpec& from, const ModelSpec& to);

// A run's name for the spec: its own, or `<preset>-edited` when it is named after a preset but
// its layers differ from it (its input and classes may differ: they follow the data).
std::string describedName(const ModelSpec& spec);

// `spec` with `field` set to `value`; throws InputError naming the field when the spec has no
// such field, the value has another type, or the spec it makes is invalid.
ModelSpec withField(const ModelSpec& spec, const std::string& field, const nlohmann::json& value);

// Every width scaled by `multiplier` (the stem and each branch of each unit), rounded to the
// nearest whole channel, at least 1; throws InputError unless 0 < multiplier <= 16.
ModelSpec withWidthMultiplier(ModelSpec spec, double multiplier);

} // namespace inception
