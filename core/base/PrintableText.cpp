#include "core/base/PrintableText.hpp"

#include "core/base/TextFormat.hpp"

#include <utility>

namespace inception {

namespace {

// The length of the valid UTF-8 sequence at the start of `text`, 0 when it is not one (an
// unexpected continuation byte, a cut or overlong sequence, a surrogate, beyond U+10FFFF).
std::size_t utf8Length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char first = byte(0);
    std::size_t length = 0;
    char32_t code = 0;
    if (first >= 0xC2 && first <= 0xDF) {
        length = 2;
        code = first & 0x1F;
    } else if (first >= 0xE0 && first <= 0xEF) {
        length = 3;
        code = first & 0x0F;
    } else if (first >= 0xF0 && first <= 0xF4) {
        length = 4;
        code = first & 0x07;
    } else {
        return 0;
    }
    if (text.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (byte(i) & 0x3F);
    }
    const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    return overlong || surrogate || code > 0x10FFFF ? 0 : length;
}

// The character of `text` at `at` as it is shown, and the bytes it takes.
std::pair<std::string, std::size_t> shown(std::string_view text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    switch (c) {
    case '\n':
        return {"\\n", 1};
    case '\t':
        return {"\\t", 1};
    case '\r':
        return {"\\r", 1};
    default:
        break;
    }
    if (c < 0x20 || c == 0x7F)
        return {formatText("\\x%02X", c), 1};
    if (c < 0x80)
        return {std::string(1, static_cast<char>(c)), 1};
    const std::size_t length = utf8Length(text.substr(at));
    if (length == 0)
        return {formatText("\\x%02X", c), 1};
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (c == 0xC2 && second < 0xA0) // U+0080..U+009F: C1 controls, CSI among them
        return {formatText("\\u%04X", second), 2};
    return {std::string(text.substr(at, length)), length};
}

} // namespace

std::string printableLine(std::string_view text, std::size_t maxBytes) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto [piece, bytes] = shown(text, at);
        if (out.size() + piece.size() > maxBytes)
            return out + formatText("... (%zu more bytes)", text.size() - at);
        out += piece;
        at += bytes;
    }
    return out;
}

} // namespace inception
