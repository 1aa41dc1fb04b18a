#pragma once

#include "core/data/Dataset.hpp"
#include "core/data/DatasetSummary.hpp"
#include "core/evaluation/Evaluator.hpp"
#include "core/profiling/Benchmark.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/training/LearningRateFinder.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace inception::cli {

// Text and JSON forms of what the CLI prints as data.
std::string summaryTable(const ModelSpec& spec, const ModelAnalysis& analysis);
nlohmann::json summaryJson(const ModelSpec& spec, const ModelAnalysis& analysis);

std::string evaluationText(const EvaluationResult& result, const std::vector<std::string>& names,
                           bool notebookLayout);
nlohmann::json evaluationJson(const EvaluationResult& result,
                              const std::vector<std::string>& names);

std::string datasetText(const DatasetSummary& data);
// The reader's notes (skipped files, resized images), "note: " each, the first ten.
std::string notesText(const std::vector<std::string>& notes);
nlohmann::json datasetJson(const DatasetSummary& data);

std::string benchmarkText(const BenchmarkResult& result);
nlohmann::json benchmarkJson(const BenchmarkResult& result);
std::string distributedBenchmarkText(const DistributedBenchmarkResult& result);
nlohmann::json distributedBenchmarkJson(const DistributedBenchmarkResult& result);

// The sweep's points (rate, loss, smoothed loss), then the suggestion.
std::string learningRateText(const LearningRateCurve& curve);
nlohmann::json learningRateJson(const LearningRateCurve& curve);
std::string learningRateCsv(const LearningRateCurve& curve);

// 592714 -> "592,714"
std::string withThousands(std::int64_t value);

} // namespace inception::cli
