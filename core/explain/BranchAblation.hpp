#pragma once

#include "core/data/Dataset.hpp"
#include "core/explain/ExplainResults.hpp"
#include "core/model/GoogLeNet.hpp"

#include <nlohmann/json.hpp>

namespace inception {

// Re-evaluates `split` with each branch of each unit switched off in turn: its output zeroed,
// or replaced by its mean over the split (per channel and position, the usual mean ablation).
// progress counts evaluations: 1 + one per branch (+ 1 for the means). The model is left as
// it was found; throws ExplainCancelled when progress says stop.
AblationReport ablateBranches(GoogLeNet& model, const DatasetSplit& split, int classes,
                              AblationMode mode, const ExplainProgress& progress = {});

// The mean output of every branch of every unit over `split`: [unit][branch] 1 x C x h x w.
std::vector<std::array<torch::Tensor, kBranches>> branchMeans(GoogLeNet& model,
                                                              const DatasetSplit& split);

const char* ablationModeName(AblationMode mode);
// Throws InputError naming `field` unless `text` is zero or mean.
AblationMode parseAblationMode(const std::string& text, const std::string& field);

nlohmann::json toJson(const AblationReport& report, const std::vector<std::string>& classNames);

} // namespace inception
