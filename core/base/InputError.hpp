#pragma once

#include "core/base/PrintableText.hpp"

#include <stdexcept>
#include <string>

namespace inception {

// Bad input from the user: a file, a field or an option. `where` names it (a path, a
// field path such as `units[2].reduce3x3`, or an option such as `--data`); what() says
// what is wrong. Front ends print it as `error: <where>: <what>`. Both are kept printable on
// one line (PrintableText): what a file held can be quoted without reaching the terminal raw.
class InputError : public std::runtime_error {
public:
    InputError(const std::string& where, const std::string& what)
        : std::runtime_error(printableLine(what)), where_(printableLine(where, kMaxWhereBytes)) {}

    const std::string& where() const { return where_; }
    std::string oneLine() const { return where_ + ": " + what(); }

private:
    static constexpr std::size_t kMaxWhereBytes = 320;
    std::string where_;
};

} // namespace inception
