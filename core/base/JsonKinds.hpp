#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace inception {

// Whether `value` may replace `current` in a settings file: a boolean for a boolean, a whole
// number for a whole number, any number for a number, a string for a string.
inline bool sameJsonKind(const nlohmann::json& current, const nlohmann::json& value) {
    if (current.is_number_integer())
        return value.is_number_integer();
    if (current.is_number())
        return value.is_number();
    return current.type() == value.type();
}

// What sameJsonKind wants for `current`, for error messages: "a whole number".
inline std::string jsonKindName(const nlohmann::json& current) {
    if (current.is_boolean())
        return "true or false";
    if (current.is_number_integer())
        return "a whole number";
    if (current.is_number())
        return "a number";
    if (current.is_string())
        return "a string";
    return current.type_name();
}

} // namespace inception
