#pragma once

#include <string>

namespace inception {

// The current time as ISO 8601 in UTC: 2026-11-30T13:34:01Z.
std::string utcTimestamp();

} // namespace inception
