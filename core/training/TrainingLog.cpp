#include "core/training/TrainingLog.hpp"

#include "core/base/TextFormat.hpp"
#include "core/distributed/Distributed.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace inception {

std::string formatBatchLine(const BatchProgress& b) {
    const int width = static_cast<int>(std::to_string(b.batches).size());
    return formatText("Epoch [ %d /%d ]  Batch [ %-*d / %d ]  Loss: %.4f", b.epoch, b.epochs, width,
                      b.batch, b.batches, b.loss);
}

bool isLoggedBatch(const BatchProgress& b, int interval) {
    return b.batch % interval == 0 || b.batch == b.batches;
}

std::string formatEpochLine(const EpochSummary& e) {
    if (e.epoch == 0) // weights brought in, evaluated before any training here
        return formatText("Evaluated before training: test loss %.4f  test acc %.2f%%  %.1f s",
                          e.testLoss, 100.0 * e.testAccuracy, e.seconds);
    return formatText("Epoch [ %d /%d ]  train loss %.4f  train acc %.2f%%  test loss %.4f  "
                      "test acc %.2f%%  lr %.3g  %.1f s  %.0f img/s",
                      e.epoch, e.epochs, e.trainLoss, 100.0 * e.trainAccuracy, e.testLoss,
                      100.0 * e.testAccuracy, e.learningRate, e.seconds, e.imagesPerSecond);
}

std::string formatConfusionMatrix(const ConfusionMatrix& matrix,
                                  const std::vector<std::string>& names, bool notebookLayout) {
    const ConfusionMatrix shown = notebookLayout ? matrix.transposed() : matrix;
    const int n = shown.classes();
    std::size_t labelWidth = 4;
    for (const auto& name : names)
        labelWidth = std::max(labelWidth, name.size());
    std::int64_t largest = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            largest = std::max(largest, shown.count(r, c));
    const int cell = std::max<int>(5, static_cast<int>(std::to_string(largest).size()) + 1);

    std::ostringstream out;
    const char* rows = notebookLayout ? "predicted" : "true";
    const char* columns = notebookLayout ? "true" : "predicted";
    out << "rows: " << rows << " class, columns: " << columns << " class\n";
    out << std::string(labelWidth + 2, ' ');
    for (int c = 0; c < n; ++c) {
        const std::string head =
            c < static_cast<int>(names.size()) ? names[c].substr(0, cell - 1) : std::to_string(c);
        out << std::string(cell - head.size(), ' ') << head;
    }
    out << '\n';
    for (int r = 0; r < n; ++r) {
        const std::string label = r < static_cast<int>(names.size()) ? names[r] : std::to_string(r);
        out << label << std::string(labelWidth + 2 - label.size(), ' ');
        for (int c = 0; c < n; ++c) {
            const std::string value = std::to_string(shown.count(r, c));
            out << std::string(cell - value.size(), ' ') << value;
        }
        out << '\n';
    }
    return out.str();
}

std::string formatClassMetrics(const ConfusionMatrix& matrix,
                               const std::vector<std::string>& names) {
    std::size_t labelWidth = 5;
    for (const auto& name : names)
        labelWidth = std::max(labelWidth, name.size());
    std::ostringstream out;
    out << formatText("%-*s  %9s  %6s  %6s  %7s\n", static_cast<int>(labelWidth), "class",
                      "precision", "recall", "f1", "support");
    const auto metrics = matrix.perClass();
    for (std::size_t c = 0; c < metrics.size(); ++c) {
        const std::string name = c < names.size() ? names[c] : std::to_string(c);
        out << formatText("%-*s  %9.4f  %6.4f  %6.4f  %7lld\n", static_cast<int>(labelWidth),
                          name.c_str(), metrics[c].precision, metrics[c].recall, metrics[c].f1,
                          static_cast<long long>(metrics[c].support));
    }
    return out.str();
}

TrainingLog::TrainingLog(Sink sink) : sink_(std::move(sink)) {}

void TrainingLog::runStarted(const RunDescription& run) {
    classNames_ = run.classNames;
    interval_ = run.config.logInterval;
    if (run.worldSize > 1)
        sink_(formatText(
            "Data-parallel on %d ranks (%s, threads per rank: %d): batches of %d images, up "
            "to %d on each rank, learning rate %g",
            run.worldSize, run.backend.c_str(), run.threads, run.config.batchSize,
            static_cast<int>(shardOf(run.config.batchSize, 0, run.worldSize).size()),
            run.config.learningRate));
    if (!run.config.recipe.empty() || run.precision.precision != Precision::Float32 ||
        run.config.precision == Precision::Auto)
        sink_(formatText("Recipe %s; %s arithmetic (%s); CPU: %s",
                         run.config.recipe.empty() ? "(none)" : run.config.recipe.c_str(),
                         toString(run.precision.precision).c_str(), run.precision.reason.c_str(),
                         run.cpu.c_str()));
    if (run.startEpoch > 1 || run.startBatch > 0)
        sink_(formatText("Resuming at epoch %d, batch %d of %d", run.startEpoch, run.startBatch + 1,
                         run.batchesPerEpoch));
    target_ = run.config.targetAccuracy;
    targetReported_ = false;
}

void TrainingLog::batchFinished(const BatchProgress& batch) {
    if (isLoggedBatch(batch, interval_))
        sink_(formatBatchLine(batch));
}

void TrainingLog::epochFinished(const EpochSummary& epoch, const std::vector<SamplePrediction>&) {
    sink_(formatEpochLine(epoch));
    lastConfusion_ = epoch.confusion;
    if (target_ > 0.0 && !targetReported_ && epoch.testAccuracy >= target_) {
        targetReported_ = true;
        sink_(formatText("Reached the target %.2f%% test accuracy at epoch %d, after %.1f s",
                         100.0 * target_, epoch.epoch, epoch.elapsedSeconds));
    }
}

void TrainingLog::runEnded(const RunOutcome& outcome) {
    if (outcome.status == RunStatus::Finished && lastConfusion_.classes() > 0) {
        sink_(formatText("Test accuracy: %.2f%% (%lld of %lld)", 100.0 * lastConfusion_.accuracy(),
                         static_cast<long long>(lastConfusion_.correct()),
                         static_cast<long long>(lastConfusion_.total())));
        sink_("Confusion matrix, " + formatConfusionMatrix(lastConfusion_, classNames_, false));
    } else if (!outcome.message.empty()) {
        sink_("Run " + toString(outcome.status) + ": " + outcome.message);
    }
}

} // namespace inception
