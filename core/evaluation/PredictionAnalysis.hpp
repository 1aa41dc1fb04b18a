#pragma once

#include "core/evaluation/ConfusionMatrix.hpp"
#include "core/evaluation/SamplePrediction.hpp"

#include <cstdint>
#include <vector>

namespace inception {

// The confusion matrix (rows true) of a set of predictions.
ConfusionMatrix confusionOf(const std::vector<SamplePrediction>& predictions, int classes);

// The network's probability for the true class: exact when every class's probability or the
// true class's among the top ones was recorded; otherwise the smallest recorded probability,
// an upper bound.
float trueClassProbability(const SamplePrediction& prediction);
// Cross-entropy of the prediction, -log p(true): a lower bound when the true class is not
// among the recorded top classes.
double predictionLoss(const SamplePrediction& prediction);
// The probability of the predicted class.
inline float confidence(const SamplePrediction& p) {
    return p.topProbabilities[0];
}

// For each true class, the predicted class it is most often mistaken for (-1 when never).
std::vector<int> mostConfusedWith(const ConfusionMatrix& matrix);

// Test indices whose predicted class differs between two epochs' predictions.
std::vector<std::int32_t> changedPredictions(const std::vector<SamplePrediction>& before,
                                             const std::vector<SamplePrediction>& after);

struct PrecisionRecallPoint {
    double recall = 0.0;
    double precision = 0.0;
    float threshold = 0.0f; // images whose probability of the class is at least this count
};

// The one-vs-rest precision-recall curve of a class, ranked by its probability, one point per
// distinct threshold, with the average precision (the step-wise area under it). Empty when
// the predictions lack every class's probability or the class has no image.
struct PrecisionRecallCurve {
    std::vector<PrecisionRecallPoint> points;
    double averagePrecision = 0.0;
};
PrecisionRecallCurve precisionRecall(const std::vector<SamplePrediction>& predictions,
                                     int positiveClass);

} // namespace inception
