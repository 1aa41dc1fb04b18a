#pragma once

#include "core/training/TrainingEvents.hpp"

#include <nlohmann/json.hpp>

namespace inception {

// JSON forms shared by run directories and checkpoints.
nlohmann::json toJsonValue(const DatasetIdentity& identity);
DatasetIdentity datasetIdentityFromJson(const nlohmann::json& value);

nlohmann::json toJsonValue(const EpochSummary& epoch); // {"type":"epoch",...}
EpochSummary epochSummaryFromJson(const nlohmann::json& value);

nlohmann::json toJsonValue(const BatchProgress& batch); // {"type":"batch",...}
BatchProgress batchProgressFromJson(const nlohmann::json& value);

// A run's setup as members of run.json and of a checkpoint's metadata: "spec", "config",
// "dataset" and "class_names".
void addRunSetup(nlohmann::json& object, const RunSetup& setup);
// Throws InputError naming `source` for a bad spec or config, and nlohmann's exceptions for a
// damaged dataset or class names, which the caller names with what it read.
RunSetup runSetupFromJson(const nlohmann::json& object, const std::string& source);

} // namespace inception
