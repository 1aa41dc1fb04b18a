#include "core/evaluation/PredictionAnalysis.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace inception {

ConfusionMatrix confusionOf(const std::vector<SamplePrediction>& predictions, int classes) {
    ConfusionMatrix matrix(classes);
    for (const SamplePrediction& p : predictions)
        matrix.add(p.trueClass, p.predicted);
    return matrix;
}

float trueClassProbability(const SamplePrediction& p) {
    if (p.trueClass >= 0 && static_cast<std::size_t>(p.trueClass) < p.probabilities.size())
        return p.probabilities[static_cast<std::size_t>(p.trueClass)];
    for (int k = 0; k < kTopPredictions; ++k)
        if (p.topClasses[k] == p.trueClass)
            return p.topProbabilities[k];
    return *std::min_element(p.topProbabilities.begin(), p.topProbabilities.end());
}

double predictionLoss(const SamplePrediction& p) {
    // Probabilities are softmax outputs in float: clamp so that a saturated 0 stays finite.
    return -std::log(std::max(static_cast<double>(trueClassProbability(p)), 1e-12));
}

std::vector<int> mostConfusedWith(const ConfusionMatrix& matrix) {
    std::vector<int> result(static_cast<std::size_t>(matrix.classes()), -1);
    for (int t = 0; t < matrix.classes(); ++t) {
        std::int64_t most = 0;
        for (int p = 0; p < matrix.classes(); ++p)
            if (p != t && matrix.count(t, p) > most) {
                most = matrix.count(t, p);
                result[static_cast<std::size_t>(t)] = p;
            }
    }
    return result;
}

std::vector<std::int32_t> changedPredictions(const std::vector<SamplePrediction>& before,
                                             const std::vector<SamplePrediction>& after) {
    std::unordered_map<std::int32_t, std::int16_t> earlier;
    earlier.reserve(before.size());
    for (const SamplePrediction& p : before)
        earlier.emplace(p.index, p.predicted);
    std::vector<std::int32_t> changed;
    for (const SamplePrediction& p : after) {
        const auto it = earlier.find(p.index);
        if (it != earlier.end() && it->second != p.predicted)
            changed.push_back(p.index);
    }
    return changed;
}

PrecisionRecallCurve precisionRecall(const std::vector<SamplePrediction>& predictions,
                                     int positiveClass) {
    PrecisionRecallCurve curve;
    std::vector<std::pair<float, bool>> scored; // (probability of the class, is the class)
    scored.reserve(predictions.size());
    for (const SamplePrediction& p : predictions) {
        if (static_cast<std::size_t>(positiveClass) >= p.probabilities.size())
            return {};
        scored.emplace_back(p.probabilities[static_cast<std::size_t>(positiveClass)],
                            p.trueClass == positiveClass);
    }
    std::sort(scored.begin(), scored.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    const auto positives =
        std::count_if(scored.begin(), scored.end(), [](const auto& s) { return s.second; });
    if (positives == 0)
        return curve;
    std::int64_t truePositives = 0;
    double previousRecall = 0.0;
    // One point per distinct threshold: tied scores enter together.
    for (std::size_t i = 0; i < scored.size(); ++i) {
        truePositives += scored[i].second ? 1 : 0;
        if (i + 1 < scored.size() && scored[i + 1].first == scored[i].first)
            continue;
        const double recall = static_cast<double>(truePositives) / static_cast<double>(positives);
        const double precision = static_cast<double>(truePositives) / static_cast<double>(i + 1);
        curve.points.push_back({recall, precision, scored[i].first});
        curve.averagePrecision += (recall - previousRecall) * precision;
        previousRecall = recall;
    }
    return curve;
}

} // namespace inception
