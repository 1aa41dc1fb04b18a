#include "core/Evaluator.hpp"

namespace inception {

EvaluationResult evaluate(GoogLeNet& model, const DatasetSplit& split, int classes,
                          const torch::Device& device, int batchSize, bool withPredictions) {
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
        // float32 whatever the forward's precision (bfloat16 under autocast).
        const auto logits = model->forward(input).to(torch::kFloat32);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, labels,
                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .item<double>();
        const auto [topP, topC] = torch::softmax(logits, 1).topk(k, 1);
        const auto probs = topP.to(torch::kCPU).contiguous();
        const auto top = topC.to(torch::kCPU).contiguous();
        const auto* p = probs.data_ptr<float>();
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
            result.predictions.push_back(s);
        }
    }
    result.loss = n == 0 ? 0.0 : lossSum / static_cast<double>(n);
    model->train(wasTraining);
    return result;
}

} // namespace inception
