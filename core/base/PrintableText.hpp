#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace inception {

// Error lines quote what they read: a file's bytes, a field's value, a parser's message. Before
// they reach a terminal or a banner they are made safe to show on one line: control characters
// (newlines, escape sequences, C1 controls) are written as \n, \t, \r, \xNN or \u00NN, bytes that
// are not UTF-8 as \xNN, and text longer than `maxBytes` is cut at a character with how much
// was left out. Valid UTF-8 (names in any script, "→") is kept as it is.
inline constexpr std::size_t kMaxErrorLineBytes = 480;
std::string printableLine(std::string_view text, std::size_t maxBytes = kMaxErrorLineBytes);

} // namespace inception
