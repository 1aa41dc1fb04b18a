#pragma once

#include "core/TrainingEvents.hpp"

#include <nlohmann/json.hpp>

namespace inception {

// JSON forms shared by run directories and checkpoints.
nlohmann::json toJsonValue(const DatasetIdentity& identity);
DatasetIdentity datasetIdentityFromJson(const nlohmann::json& value);

nlohmann::json toJsonValue(const EpochSummary& epoch); // {"type":"epoch",...}
EpochSummary epochSummaryFromJson(const nlohmann::json& value);

nlohmann::json toJsonValue(const BatchProgress& batch); // {"type":"batch",...}
BatchProgress batchProgressFromJson(const nlohmann::json& value);

// The current time as ISO 8601 in UTC: 2026-11-30T13:34:01Z.
std::string utcTimestamp();

} // namespace inception
