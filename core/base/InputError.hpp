#pragma once

#include <stdexcept>
#include <string>

namespace inception {

// Bad input from the user: a file, a field or an option. `where` names it (a path, a
// field path such as `units[2].reduce3x3`, or an option such as `--data`); what() says
// what is wrong. Front ends print it as `error: <where>: <what>`.
class InputError : public std::runtime_error {
public:
    InputError(std::string where, const std::string& what)
        : std::runtime_error(what), where_(std::move(where)) {}

    const std::string& where() const { return where_; }
    std::string oneLine() const { return where_ + ": " + what(); }

private:
    std::string where_;
};

} // namespace inception
