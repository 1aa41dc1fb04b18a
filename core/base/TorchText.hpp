#pragma once

#include <c10/util/ArrayRef.h>
#include <c10/util/Exception.h>

#include <sstream>
#include <string>

namespace inception {

// A LibTorch error's message without the C++ context lines that follow it.
inline std::string firstLineOf(const c10::Error& error) {
    const std::string what = error.what_without_backtrace();
    return what.substr(0, what.find('\n'));
}

// A tensor shape as messages show it: "[64, 3, 7, 7]".
inline std::string shapeText(c10::IntArrayRef sizes) {
    std::ostringstream out;
    out << sizes;
    return out.str();
}

} // namespace inception
