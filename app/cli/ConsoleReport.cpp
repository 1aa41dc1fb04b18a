#include "app/cli/ConsoleReport.hpp"

#include "core/base/TextFormat.hpp"
#include "core/distributed/Distributed.hpp"
#include "core/training/EventJson.hpp"
#include "core/training/TrainingLog.hpp"

#include <cstdio>
#include <sstream>

namespace inception::cli {

using nlohmann::json;

std::string withThousands(std::int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return value < 0 ? "-" + digits : digits;
}

namespace {

std::string row(const std::string& name, const std::string& what, const std::string& shape,
                const std::string& params, const std::string& macs) {
    char line[256];
    std::snprintf(line, sizeof line, "%-30s %-30s %-14s %11s %14s\n", name.c_str(), what.c_str(),
                  shape.c_str(), params.c_str(), macs.c_str());
    return line;
}

json shapeJson(const TensorShape& s) {
    return json::array({s.channels, s.height, s.width});
}

std::string countList(const std::vector<std::int64_t>& counts) {
    std::ostringstream out;
    for (std::size_t c = 0; c < counts.size(); ++c)
        out << (c ? " " : "") << counts[c];
    return out.str();
}

} // namespace

std::string summaryTable(const ModelSpec& spec, const ModelAnalysis& a) {
    std::ostringstream out;
    out << "Model " << spec.name << ": input " << spec.input.channels << " x " << spec.input.height
        << " x " << spec.input.width << ", " << spec.head.classes << " classes\n\n";
    out << row("layer", "operation", "output", "parameters", "MACs");
    out << std::string(103, '-') << '\n';
    int unit = -1;
    for (const LayerInfo& l : a.layers) {
        if (l.unit != unit && unit >= 0) {
            const UnitInfo& u = a.units[unit];
            out << row("  inception2." + std::to_string(unit) + " total",
                       "in " + std::to_string(u.inChannels) + " channels", u.output.toString(),
                       withThousands(u.parameters), withThousands(u.macs));
        }
        unit = l.unit;
        out << row(l.name, l.description, l.output.toString(), withThousands(l.parameters),
                   withThousands(l.macs));
    }
    out << std::string(103, '-') << '\n';
    out << row("total", "", "", withThousands(a.parameters), withThousands(a.macs));
    out << "\n"
        << withThousands(a.parameters) << " parameters, " << withThousands(a.macs)
        << " multiply-accumulates per image (forward)\n";
    return out.str();
}

json summaryJson(const ModelSpec& spec, const ModelAnalysis& a) {
    json layers = json::array();
    for (const LayerInfo& l : a.layers)
        layers.push_back({{"name", l.name},
                          {"operation", l.description},
                          {"unit", l.unit},
                          {"output", shapeJson(l.output)},
                          {"parameters", l.parameters},
                          {"macs", l.macs}});
    json units = json::array();
    for (const UnitInfo& u : a.units)
        units.push_back({{"in_channels", u.inChannels},
                         {"output", shapeJson(u.output)},
                         {"parameters", u.parameters},
                         {"macs", u.macs}});
    return {{"spec", toJsonValue(spec)},
            {"layers", layers},
            {"units", units},
            {"parameters", a.parameters},
            {"macs", a.macs}};
}

std::string evaluationText(const EvaluationResult& r, const std::vector<std::string>& names,
                           bool notebookLayout) {
    std::ostringstream out;
    char line[128];
    std::snprintf(line, sizeof line, "Test accuracy: %.2f%% (%lld of %lld), loss %.4f\n\n",
                  100.0 * r.accuracy(), static_cast<long long>(r.confusion.correct()),
                  static_cast<long long>(r.confusion.total()), r.loss);
    out << line << "Confusion matrix, " << formatConfusionMatrix(r.confusion, names, notebookLayout)
        << '\n'
        << formatClassMetrics(r.confusion, names);
    return out.str();
}

json evaluationJson(const EvaluationResult& r, const std::vector<std::string>& names) {
    json perClass = json::array();
    const auto metrics = r.confusion.perClass();
    for (std::size_t c = 0; c < metrics.size(); ++c)
        perClass.push_back({{"class", c < names.size() ? names[c] : std::to_string(c)},
                            {"precision", metrics[c].precision},
                            {"recall", metrics[c].recall},
                            {"f1", metrics[c].f1},
                            {"support", metrics[c].support}});
    return {{"accuracy", r.accuracy()},
            {"loss", r.loss},
            {"correct", r.confusion.correct()},
            {"total", r.confusion.total()},
            {"class_names", names},
            {"confusion", r.confusion.rows()},
            {"confusion_layout", "rows true, columns predicted"},
            {"per_class", perClass}};
}

namespace {

std::string numberList(const std::vector<double>& values) {
    std::string text;
    char number[32];
    for (double v : values) {
        std::snprintf(number, sizeof number, "%s%.4f", text.empty() ? "" : " ", v);
        text += number;
    }
    return text;
}

} // namespace

std::string notesText(const std::vector<std::string>& notes) {
    constexpr std::size_t kShown = 10;
    std::string text;
    for (std::size_t i = 0; i < notes.size() && i < kShown; ++i)
        text += "note: " + notes[i] + '\n';
    if (notes.size() > kShown)
        text += "note: and " + std::to_string(notes.size() - kShown) + " more\n";
    return text;
}

std::string datasetText(const DatasetSummary& d) {
    std::ostringstream out;
    out << "kind      " << d.identity.kind << '\n'
        << "path      " << d.identity.path << '\n'
        << "images    " << d.shape.channels << " x " << d.shape.height << " x " << d.shape.width
        << " (channels x height x width), uint8\n"
        << "train     " << withThousands(d.identity.trainCount) << " images\n"
        << "test      " << withThousands(d.identity.testCount) << " images\n"
        << "hash      " << d.identity.hash << '\n'
        << "classes   " << d.classNames.size() << ":";
    for (const auto& name : d.classNames)
        out << ' ' << name;
    out << "\nper class (train): " << countList(d.trainPerClass)
        << "\nper class (test):  " << countList(d.testPerClass) << '\n'
        << "mean      " << numberList(d.mean) << " (per channel, pixels / 255, train)\n"
        << "std       " << numberList(d.std) << '\n'
        << notesText(d.notes);
    return out.str();
}

json datasetJson(const DatasetSummary& d) {
    json identity = toJsonValue(d.identity);
    identity["image_shape"] = {d.shape.channels, d.shape.height, d.shape.width};
    identity["class_names"] = d.classNames;
    identity["train_per_class"] = d.trainPerClass;
    identity["test_per_class"] = d.testPerClass;
    identity["mean"] = d.mean;
    identity["std"] = d.std;
    identity["notes"] = d.notes;
    return identity;
}

namespace {

// The profile as a table: per batch, forward and backward, their share of the step, the
// arithmetic (2 FLOP a multiply-accumulate forward, twice that backward) and its rate.
std::string layerProfileText(const LayerProfile& p) {
    if (p.layers.empty())
        return {};
    double total = 0.0;
    for (const LayerTiming& layer : p.layers)
        if (!layer.branch)
            total += layer.forwardMs + layer.backwardMs;
    std::string out = "\nby part of the network (batch " + std::to_string(p.batchSize) + ", " +
                      std::to_string(p.steps) + " steps; backward is per unit)\n";
    out += formatText("%-16s %9s %9s %7s %9s %10s %10s\n", "part", "fwd ms", "bwd ms", "share",
                      "MMAC/img", "fwd GF/s", "bwd GF/s");
    for (const LayerTiming& l : p.layers) {
        const double flop = 2.0 * static_cast<double>(l.macs) * p.batchSize;
        const double forwardRate = l.forwardMs > 0 ? flop / l.forwardMs / 1e6 : 0.0;
        if (l.branch) {
            out += formatText("  %-14s %9.2f %9s %7s %9.2f %10.1f %10s\n",
                              l.name.substr(l.name.find('/') + 2).c_str(), l.forwardMs, "", "",
                              static_cast<double>(l.macs) / 1e6, forwardRate, "");
        } else {
            const double backwardRate = l.backwardMs > 0 ? 2.0 * flop / l.backwardMs / 1e6 : 0.0;
            out +=
                formatText("%-16s %9.2f %9.2f %6.1f%% %9.2f %10.1f %10.1f\n", l.name.c_str(),
                           l.forwardMs, l.backwardMs, 100.0 * (l.forwardMs + l.backwardMs) / total,
                           static_cast<double>(l.macs) / 1e6, forwardRate, backwardRate);
        }
    }
    return out;
}

json layerProfileJson(const LayerProfile& p) {
    json layers = json::array();
    for (const LayerTiming& l : p.layers)
        layers.push_back({{"name", l.name},
                          {"macs", l.macs},
                          {"forward_ms", l.forwardMs},
                          {"backward_ms", l.branch ? json(nullptr) : json(l.backwardMs)},
                          {"branch", l.branch}});
    return layers;
}

} // namespace

std::string benchmarkText(const BenchmarkResult& r) {
    char text[768];
    std::snprintf(
        text, sizeof text,
        "data            %s\n"
        "threads         %d, %s\n"
        "batch size      %d (%d timed batches after warm-up)\n"
        "data load       %.3f s\n"
        "train           %.1f images/s, %.1f GFLOP/s\n"
        "  time shares   batch %.2f%%, forward %.1f%%, backward %.1f%%, optimizer %.1f%%\n"
        "eval            %.1f images/s, %.1f GFLOP/s\n"
        "matmul peak     %.1f GFLOP/s (float32 1024 x 1024, same threads)\n"
        "peak memory     %.0f MiB (resident)\n",
        r.dataSpec.c_str(), r.threads, toString(r.precision).c_str(), r.batchSize, r.batches,
        r.dataLoadSeconds, r.trainImagesPerSecond, r.trainGflops, 100.0 * r.trainDataShare,
        100.0 * r.trainForwardShare, 100.0 * r.trainBackwardShare, 100.0 * r.trainOptimizerShare,
        r.evalImagesPerSecond, r.evalGflops, r.matmulPeakGflops, r.peakMemoryMiB);
    std::string report = text;
    if (r.trainAugmentedImagesPerSecond > 0.0) {
        std::snprintf(text, sizeof text,
                      "train augmented %.1f images/s (%.1f%% of without; crop padding %d, "
                      "flips, on the prefetch thread)\n",
                      r.trainAugmentedImagesPerSecond,
                      100.0 * r.trainAugmentedImagesPerSecond / r.trainImagesPerSecond,
                      r.augmentation.cropPadding);
        report += text;
    }
    report += layerProfileText(r.layers);
    return report;
}

std::string distributedBenchmarkText(const DistributedBenchmarkResult& r) {
    std::string report =
        formatText("ranks           %d (%s), threads per rank: %d\n"
                   "batch size      %d, up to %d on each rank (%d timed batches after warm-up)\n"
                   "gradients       %.2f MB a step, summed in %d buckets during backward\n",
                   r.worldSize, r.backend.c_str(), r.threadsPerRank, r.batchSize,
                   static_cast<int>(shardOf(r.batchSize, 0, r.worldSize).size()), r.batches,
                   r.gradientMegabytesPerStep, r.buckets);
    for (int rank = 0; rank < r.worldSize; ++rank) {
        const auto k = static_cast<std::size_t>(rank);
        report += formatText("rank %-10d %.1f images/s, communication %.1f%% of the step\n", rank,
                             r.rankImagesPerSecond[k], 100.0 * r.rankCommunicationShare[k]);
    }
    report += formatText("all ranks       %.1f images/s\n", r.imagesPerSecond);
    return report;
}

json distributedBenchmarkJson(const DistributedBenchmarkResult& r) {
    return {{"world_size", r.worldSize},
            {"backend", r.backend},
            {"threads_per_rank", r.threadsPerRank},
            {"batch_size", r.batchSize},
            {"batches", r.batches},
            {"rank_images_per_second", r.rankImagesPerSecond},
            {"rank_communication_share", r.rankCommunicationShare},
            {"images_per_second", r.imagesPerSecond},
            {"buckets", r.buckets},
            {"gradient_megabytes_per_step", r.gradientMegabytesPerStep}};
}

json benchmarkJson(const BenchmarkResult& r) {
    return {{"data", r.dataSpec},
            {"threads", r.threads},
            {"precision", toString(r.precision)},
            {"batch_size", r.batchSize},
            {"batches", r.batches},
            {"data_load_seconds", r.dataLoadSeconds},
            {"train_images_per_second", r.trainImagesPerSecond},
            {"eval_images_per_second", r.evalImagesPerSecond},
            {"train_data_share", r.trainDataShare},
            {"train_forward_share", r.trainForwardShare},
            {"train_backward_share", r.trainBackwardShare},
            {"train_optimizer_share", r.trainOptimizerShare},
            {"train_gflops", r.trainGflops},
            {"eval_gflops", r.evalGflops},
            {"matmul_peak_gflops", r.matmulPeakGflops},
            {"peak_memory_mib", r.peakMemoryMiB},
            {"layers", layerProfileJson(r.layers)},
            {"train_augmented_images_per_second", r.trainAugmentedImagesPerSecond > 0.0
                                                      ? json(r.trainAugmentedImagesPerSecond)
                                                      : json(nullptr)}};
}

namespace {
std::string suggestionText(const LearningRateCurve& curve) {
    std::string text = curve.diverged ? "The loss diverged at the end of the sweep. " : "";
    if (curve.suggestedRate)
        return text + formatText("Suggested learning rate: %.3g (the steepest fall of the loss)",
                                 *curve.suggestedRate);
    return text + "No suggestion: the loss never fell; try a wider range or more steps";
}
} // namespace

std::string learningRateText(const LearningRateCurve& curve) {
    std::string text = formatText("%12s %10s %10s\n", "rate", "loss", "smoothed");
    for (const LearningRatePoint& p : curve.points)
        text += formatText("%12.4g %10.4f %10.4f\n", p.rate, p.loss, p.smoothedLoss);
    return text + suggestionText(curve) + "\n";
}

nlohmann::json learningRateJson(const LearningRateCurve& curve) {
    nlohmann::json points = nlohmann::json::array();
    for (const LearningRatePoint& p : curve.points)
        points.push_back({{"rate", p.rate}, {"loss", p.loss}, {"smoothed_loss", p.smoothedLoss}});
    nlohmann::json doc = {{"points", points}, {"diverged", curve.diverged}};
    doc["suggested_rate"] =
        curve.suggestedRate ? nlohmann::json(*curve.suggestedRate) : nlohmann::json();
    return doc;
}

std::string learningRateCsv(const LearningRateCurve& curve) {
    std::string text = "rate,loss,smoothed_loss\n";
    for (const LearningRatePoint& p : curve.points)
        text += formatText("%.9g,%.9g,%.9g\n", p.rate, p.loss, p.smoothedLoss);
    return text;
}

} // namespace inception::cli
