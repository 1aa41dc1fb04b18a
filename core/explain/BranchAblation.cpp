#include "core/explain/BranchAblation.hpp"

#include "core/base/InputError.hpp"
#include "core/evaluation/Evaluator.hpp"
#include "core/spec/ModelAnalysis.hpp"

#include <algorithm>

namespace inception {

namespace {

// The state_dict prefix of a branch, and the spec field of its width.
constexpr const char* kBranchModules[kBranches] = {"feature1_1", "feature3_3", "feature5_5",
                                                   "parallelPool"};
constexpr const char* kBranchFields[kBranches] = {"out1x1", "out3x3", "out5x5", "pool_proj"};

std::vector<double> classAccuracies(const ConfusionMatrix& confusion) {
    std::vector<double> out;
    for (int c = 0; c < confusion.classes(); ++c) {
        std::int64_t total = 0;
        for (int p = 0; p < confusion.classes(); ++p)
            total += confusion.count(c, p);
        out.push_back(total == 0 ? 0.0
                                 : static_cast<double>(confusion.count(c, c)) /
                                       static_cast<double>(total));
    }
    return out;
}

double median(std::vector<double> values) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// Flags the branches that cost more MACs than the median branch and lose less accuracy than
// the median one.
void flagShrinkCandidates(AblationReport& report) {
    std::vector<double> macs, lost;
    for (const BranchEffect& b : report.branches) {
        macs.push_back(static_cast<double>(b.macs));
        lost.push_back(report.accuracy - b.accuracy);
    }
    const double macsMedian = median(macs), lostMedian = median(lost);
    for (BranchEffect& b : report.branches)
        b.shrinkCandidate =
            static_cast<double>(b.macs) > macsMedian && report.accuracy - b.accuracy < lostMedian;
}

} // namespace

const char* branchName(int branch) {
    static const char* const names[kBranches] = {"1x1", "3x3", "5x5", "pool"};
    return branch >= 0 && branch < kBranches ? names[branch] : "?";
}

const char* ablationModeName(AblationMode mode) {
    return mode == AblationMode::Zero ? "zero" : "mean";
}

AblationMode parseAblationMode(const std::string& text, const std::string& field) {
    if (text == "zero")
        return AblationMode::Zero;
    if (text == "mean")
        return AblationMode::Mean;
    throw InputError(field, "must be zero or mean, not '" + text + "'");
}

std::vector<std::array<torch::Tensor, kBranches>> branchMeans(GoogLeNet& model,
                                                              const DatasetSplit& split) {
    torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    std::vector<std::array<torch::Tensor, kBranches>> sums(
        static_cast<std::size_t>(model->unitCount()));
    for (std::int64_t start = 0; start < split.size(); start += kEvaluationBatch) {
        const std::int64_t end = std::min(split.size(), start + kEvaluationBatch);
        auto x = model->stem(toModelInput(split.images.slice(0, start, end)));
        for (int u = 0; u < model->unitCount(); ++u) {
            auto outputs = model->unit(u)->branches(x);
            for (int b = 0; b < kBranches; ++b) {
                auto sum = outputs[static_cast<std::size_t>(b)].to(torch::kFloat64).sum(0, true);
                auto& total = sums[static_cast<std::size_t>(u)][static_cast<std::size_t>(b)];
                total = total.defined() ? total + sum : sum;
            }
            x = model->unit(u)->combine(std::move(outputs));
        }
    }
    model->train(wasTraining);
    const double n = static_cast<double>(std::max<std::int64_t>(1, split.size()));
    for (auto& unit : sums)
        for (auto& sum : unit)
            if (sum.defined())
                sum = (sum / n).to(torch::kFloat32);
    return sums;
}

AblationReport ablateBranches(GoogLeNet& model, const DatasetSplit& split, int classes,
                              AblationMode mode, const ExplainProgress& progress) {
    const int units = model->unitCount();
    const std::int64_t total =
        1 + static_cast<std::int64_t>(units) * kBranches + (mode == AblationMode::Mean ? 1 : 0);
    std::int64_t done = 0;
    auto step = [&] {
        ++done;
        if (progress && !progress(done, total))
            throw ExplainCancelled();
    };
    if (progress && !progress(0, total))
        throw ExplainCancelled();

    AblationReport report;
    report.mode = mode;
    report.images = split.size();
    const EvaluationResult baseline =
        evaluate(model, split, classes, torch::kCPU, kEvaluationBatch, false);
    report.accuracy = baseline.accuracy();
    report.classAccuracy = classAccuracies(baseline.confusion);
    step();
    std::vector<std::array<torch::Tensor, kBranches>> means;
    if (mode == AblationMode::Mean) {
        means = branchMeans(model, split);
        step();
    }

    const ModelAnalysis analysis = analyze(model->spec());
    for (int u = 0; u < units; ++u)
        for (int b = 0; b < kBranches; ++b) {
            BranchEffect effect;
            effect.unit = u;
            effect.branch = b;
            effect.field = "units[" + std::to_string(u) + "]." + kBranchFields[b];
            const InceptionSpec& widths = model->spec().units[static_cast<std::size_t>(u)];
            effect.width = std::array{widths.out1x1, widths.out3x3, widths.out5x5,
                                      widths.poolProj}[static_cast<std::size_t>(b)];
            const std::string prefix =
                "inception2." + std::to_string(u) + "." + kBranchModules[b] + ".";
            for (const LayerInfo& layer : analysis.layers)
                if (layer.name.rfind(prefix, 0) == 0) {
                    effect.macs += layer.macs;
                    effect.parameters += layer.parameters;
                }
            auto unit = model->unit(u);
            unit->overrideBranch(
                b, mode == AblationMode::Mean
                       ? means[static_cast<std::size_t>(u)][static_cast<std::size_t>(b)]
                       : torch::Tensor());
            try {
                const EvaluationResult ablated =
                    evaluate(model, split, classes, torch::kCPU, kEvaluationBatch, false);
                effect.accuracy = ablated.accuracy();
                effect.classAccuracy = classAccuracies(ablated.confusion);
            } catch (...) {
                unit->overrideBranch(-1);
                throw;
            }
            unit->overrideBranch(-1);
            report.branches.push_back(std::move(effect));
            step();
        }
    flagShrinkCandidates(report);
    return report;
}

nlohmann::json toJson(const AblationReport& report, const std::vector<std::string>& classNames) {
    nlohmann::json branches = nlohmann::json::array();
    for (const BranchEffect& b : report.branches) {
        nlohmann::json perClass = nlohmann::json::object();
        for (std::size_t c = 0; c < b.classAccuracy.size(); ++c)
            perClass[c < classNames.size() ? classNames[c] : std::to_string(c)] =
                report.classAccuracy[c] - b.classAccuracy[c];
        branches.push_back({{"unit", b.unit},
                            {"branch", branchName(b.branch)},
                            {"field", b.field},
                            {"width", b.width},
                            {"macs", b.macs},
                            {"parameters", b.parameters},
                            {"accuracy", b.accuracy},
                            {"accuracy_lost", report.accuracy - b.accuracy},
                            {"class_accuracy_lost", perClass},
                            {"shrink_candidate", b.shrinkCandidate}});
    }
    nlohmann::json perClass = nlohmann::json::object();
    for (std::size_t c = 0; c < report.classAccuracy.size(); ++c)
        perClass[c < classNames.size() ? classNames[c] : std::to_string(c)] =
            report.classAccuracy[c];
    return {{"mode", ablationModeName(report.mode)},
            {"images", report.images},
            {"accuracy", report.accuracy},
            {"class_accuracy", perClass},
            {"branches", branches}};
}

} // namespace inception
