#pragma once

#include <QString>

#include <functional>

namespace inception::ui {

// Lets `write` fill a temporary file beside `path`, then renames it over `path`, so that a
// failed or interrupted save never leaves half a file. Returns an error message, empty on
// success; `write` returns its own error the same way.
QString writeFileSafely(const QString& path, const std::function<QString(const QString&)>& write);

} // namespace inception::ui
