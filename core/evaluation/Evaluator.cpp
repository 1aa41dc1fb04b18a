#include "core/evaluation/Evaluator.hpp"

#include "core/distributed/Collectives.hpp"

namespace inception {

torch::Tensor evaluationLogits(GoogLeNet& model, const torch::Tensor& input,
                               TestTimeAugmentation tta) {
    // float32 whatever the forward's precision (bfloat16 under autocast).
    auto logits = model->forward(input).to(torch::kFloat32);
    if (tta == TestTimeAugmentation::Flip)
        logits = (logits + model->forward(input.flip({3})).to(torch::kFloat32)) * 0.5;
    return logits;
}

EvaluationResult evaluate(GoogLeNet& model, const DatasetSplit& split, int classes,
                          const torch::Device& device, int batchSize, bool withPredictions,
                          TestTimeAugmentation tta) {
    torch::NoGradGuard noGrad; // grad mode is thread-local: set it here, on the worker
    const bool wasTraining = model->is_training();
    model->eval();
    EvaluationResult result;
    result.confusion = ConfusionMatrix(classes);
    const std::int64_t n = split.size();
    const int k = std::min(kTopPredictions, classes);
    double lossSum = 0.0;
    if (withPredictions)
        result.predictions.reserve(static_cast<std::size_t>(n));
    for (std::int64_t start = 0; start < n; start += batchSize) {
        const std::int64_t end = std::min(n, start + batchSize);
        const auto input = toModelInput(split.images.slice(0, start, end)).to(device);
        const auto labels = split.labels.slice(0, start, end).to(device);
        const auto logits = evaluationLogits(model, input, tta);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, labels,
                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        const auto softmax = torch::softmax(logits, 1);
        const auto [topP, topC] = softmax.topk(k, 1);
        const auto probs = topP.to(torch::kCPU).contiguous();
        const auto top = topC.to(torch::kCPU).contiguous();
        const auto every = softmax.to(torch::kCPU).contiguous();
        const auto* p = probs.data_ptr<float>();
        const auto* all = every.data_ptr<float>();
        const auto* c = top.data_ptr<std::int64_t>();
        const auto* truth = split.labels.data_ptr<std::int64_t>() + start;
        for (std::int64_t i = 0; i < end - start; ++i) {
            const auto predicted = static_cast<int>(c[i * k]);
            result.confusion.add(static_cast<int>(truth[i]), predicted);
            if (!withPredictions)
                continue;
            SamplePrediction s;
            s.index = static_cast<std::int32_t>(start + i);
            s.trueClass = static_cast<std::int16_t>(truth[i]);
            s.predicted = static_cast<std::int16_t>(predicted);
            for (int j = 0; j < k; ++j) {
                s.topClasses[j] = static_cast<std::int16_t>(c[i * k + j]);
                s.topProbabilities[j] = p[i * k + j];
            }
            for (int j = k; j < kTopPredictions; ++j)
                s.topClasses[j] = -1;
            s.probabilities.assign(all + i * classes, all + (i + 1) * classes);
            result.predictions.push_back(std::move(s));
        }
    }
    result.loss = n == 0 ? 0.0 : lossSum / static_cast<double>(n);
    model->train(wasTraining);
    return result;
}

namespace {

// A prediction as one row of floats: true class, predicted class, the top classes and their
// probabilities, then every class's probability. Class numbers are small integers, exact in a
// float.
constexpr int kFixedColumns = 2 + 2 * kTopPredictions;

std::int64_t predictionColumns(int classes) {
    return kFixedColumns + classes;
}

void writeRow(const SamplePrediction& s, float* row) {
    row[0] = s.trueClass;
    row[1] = s.predicted;
    for (int j = 0; j < kTopPredictions; ++j) {
        row[2 + j] = s.topClasses[j];
        row[2 + kTopPredictions + j] = s.topProbabilities[j];
    }
    std::copy(s.probabilities.begin(), s.probabilities.end(), row + kFixedColumns);
}

SamplePrediction readRow(std::int32_t index, const float* row, int classes) {
    SamplePrediction s;
    s.index = index;
    s.trueClass = static_cast<std::int16_t>(row[0]);
    s.predicted = static_cast<std::int16_t>(row[1]);
    for (int j = 0; j < kTopPredictions; ++j) {
        s.topClasses[j] = static_cast<std::int16_t>(row[2 + j]);
        s.topProbabilities[j] = row[2 + kTopPredictions + j];
    }
    s.probabilities.assign(row + kFixedColumns, row + kFixedColumns + classes);
    return s;
}

} // namespace

EvaluationResult evaluateSharded(GoogLeNet& model, const DatasetSplit& split, int classes,
                                 const torch::Device& device, int batchSize,
                                 Collectives& collectives, TestTimeAugmentation tta) {
    const auto& settings = collectives.settings();
    const std::int64_t n = split.size();
    const ShardRange part = shardOf(n, settings.rank, settings.worldSize);
    const DatasetSplit shard{split.images.slice(0, part.begin, part.end),
                             split.labels.slice(0, part.begin, part.end)};
    const EvaluationResult mine = evaluate(model, shard, classes, device, batchSize, true, tta);

    // Counts and the loss sum in float64: exact for any test set that fits in memory.
    const auto cells = static_cast<std::int64_t>(classes) * classes;
    auto totals = torch::zeros({cells + 1}, torch::kFloat64);
    auto* t = totals.data_ptr<double>();
    for (int r = 0; r < classes; ++r)
        for (int c = 0; c < classes; ++c)
            t[r * classes + c] = static_cast<double>(mine.confusion.count(r, c));
    t[cells] = mine.loss * static_cast<double>(part.size());
    const std::int64_t columns = predictionColumns(classes);
    auto rows = torch::zeros({n, columns}, torch::kFloat32);
    auto* row = rows.data_ptr<float>();
    for (const auto& s : mine.predictions)
        writeRow(s, row + (part.begin + s.index) * columns);
    collectives.allReduceSum(totals, "summing the evaluation of every rank");
    collectives.allReduceSum(rows, "gathering the predictions of every rank");

    EvaluationResult result;
    result.confusion = ConfusionMatrix(classes);
    for (int r = 0; r < classes; ++r)
        for (int c = 0; c < classes; ++c)
            result.confusion.add(r, c, static_cast<std::int64_t>(t[r * classes + c]));
    result.loss = n == 0 ? 0.0 : t[cells] / static_cast<double>(n);
    result.predictions.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        result.predictions.push_back(
            readRow(static_cast<std::int32_t>(i), row + i * columns, classes));
    return result;
}

} // namespace inception
