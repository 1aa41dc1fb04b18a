#include "core/profiling/LayerProfiler.hpp"

#include "core/spec/ModelAnalysis.hpp"

#include <chrono>

namespace inception {

namespace nn = torch::nn;

namespace {

using Clock = std::chrono::steady_clock;

double msBetween(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

std::int64_t macsUnder(const ModelAnalysis& analysis, const std::string& prefix) {
    std::int64_t macs = 0;
    for (const LayerInfo& layer : analysis.layers)
        if (layer.name.rfind(prefix, 0) == 0)
            macs += layer.macs;
    return macs;
}

// The branches of an Inception unit in the order its forward concatenates them.
const char* const kBranches[] = {"feature1_1", "feature3_3", "feature5_5", "parallelPool"};
const char* const kBranchNames[] = {"1x1", "3x3", "5x5", "pool"};

// One profile: its rows (the stem and its layers, each unit and its branches, the head) and
// the milliseconds summed over the timed steps.
class LayerProfileRun {
public:
    LayerProfileRun(GoogLeNet& model, int batchSize, int steps);
    void step(const torch::Tensor& input, const torch::Tensor& labels, bool timed,
              torch::Tensor* logitsOut);
    LayerProfile finish();

private:
    std::size_t row(const std::string& name, std::int64_t macs, bool branch) {
        profile_.layers.push_back({name, macs, 0.0, branch ? -1.0 : 0.0, branch});
        return profile_.layers.size() - 1;
    }
    void addRows();
    torch::Tensor normalized(const torch::Tensor& input) const;
    // Gradient arrival times: [0] the logits', [1 + u] unit u's output's (u = units - 1 down
    // to 0), [units + 1] the stem output's.
    using Arrivals = std::vector<Clock::time_point>;
    // The logits and the loss, each part's time added to its row when `timed`.
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& input,
                                                    const torch::Tensor& labels, bool timed,
                                                    Arrivals& arrivals);
    void addBackward(const Arrivals& arrivals, Clock::time_point start, Clock::time_point end);

    const ModelSpec& spec_;
    const ModelAnalysis analysis_;
    const int units_;
    const int steps_;
    nn::SequentialImpl* stem_ = nullptr; // parts of the model, which outlives the run
    nn::SequentialImpl* body_ = nullptr;
    nn::SequentialImpl* classifier_ = nullptr;
    LayerProfile profile_;
    std::size_t stemRow_ = 0, headRow_ = 0;
    std::vector<std::size_t> stemRows_, unitRows_, branchRows_;
    std::vector<double> forwardMs_, backwardMs_;
};

LayerProfileRun::LayerProfileRun(GoogLeNet& model, int batchSize, int steps)
    : spec_(model->spec()), analysis_(analyze(spec_)), units_(static_cast<int>(spec_.units.size())),
      steps_(steps) {
    auto children = model->named_children();
    stem_ = children["conv1"]->as<nn::SequentialImpl>();
    body_ = children["inception2"]->as<nn::SequentialImpl>();
    classifier_ = children["classifier"]->as<nn::SequentialImpl>();
    profile_.batchSize = batchSize;
    profile_.steps = steps;
    addRows();
    forwardMs_.assign(profile_.layers.size(), 0.0);
    backwardMs_.assign(profile_.layers.size(), 0.0);
}

void LayerProfileRun::addRows() {
    stemRow_ = row("stem", macsUnder(analysis_, "conv1."), false);
    for (std::size_t i = 0; i < stem_->size(); ++i) {
        const std::string name = "conv1." + std::to_string(i);
        std::string what = stem_->ptr(i)->name(); // "torch::nn::ReLU" unless analysed
        what = what.substr(what.rfind(':') + 1);
        for (const LayerInfo& layer : analysis_.layers)
            if (layer.name == name)
                what = layer.description.substr(0, layer.description.find(','));
        stemRows_.push_back(row("stem / " + what, macsUnder(analysis_, name), true));
    }
    for (int u = 0; u < units_; ++u) {
        const std::string prefix = "inception2." + std::to_string(u) + ".";
        const std::string unit = "unit " + std::to_string(u + 1);
        unitRows_.push_back(row(unit, macsUnder(analysis_, prefix), false));
        for (int b = 0; b < 4; ++b)
            branchRows_.push_back(row(unit + " / " + kBranchNames[b],
                                      macsUnder(analysis_, prefix + kBranches[b] + "."), true));
        branchRows_.push_back(row(unit + " / concat", 0, true));
    }
    headRow_ = row("head",
                   macsUnder(analysis_, "inception2." + std::to_string(units_)) +
                       macsUnder(analysis_, "classifier."),
                   false);
}

torch::Tensor LayerProfileRun::normalized(const torch::Tensor& input) const {
    const auto& mean = spec_.input.mean;
    if (mean.empty())
        return input;
    const auto channels = static_cast<std::int64_t>(mean.size());
    return (input - torch::tensor(mean, torch::kFloat32).view({1, channels, 1, 1})) /
           torch::tensor(spec_.input.std, torch::kFloat32).view({1, channels, 1, 1});
}

std::pair<torch::Tensor, torch::Tensor> LayerProfileRun::forward(const torch::Tensor& input,
                                                                 const torch::Tensor& labels,
                                                                 bool timed, Arrivals& arrivals) {
    auto mark = Clock::now();
    auto lap = [&](std::size_t index) {
        const auto now = Clock::now();
        if (timed)
            forwardMs_[index] += msBetween(mark, now);
        mark = now;
    };
    torch::Tensor x = normalized(input);
    std::size_t stemLayer = 0;
    for (auto& layer : *stem_) {
        x = layer.forward(x);
        lap(stemRows_[stemLayer++]);
    }
    const int units = units_;
    x.register_hook([&arrivals, units](const torch::Tensor&) {
        arrivals[static_cast<std::size_t>(units) + 1] = Clock::now();
    });
    for (int u = 0; u < units; ++u) {
        auto branches = body_->children()[static_cast<std::size_t>(u)]->named_children();
        std::vector<torch::Tensor> outputs;
        for (int b = 0; b < 4; ++b) {
            outputs.push_back(branches[kBranches[b]]->as<nn::SequentialImpl>()->forward(x));
            lap(branchRows_[static_cast<std::size_t>(u * 5 + b)]);
        }
        x = torch::cat(outputs, 1);
        lap(branchRows_[static_cast<std::size_t>(u * 5 + 4)]);
        x.register_hook([&arrivals, units, u](const torch::Tensor&) {
            arrivals[static_cast<std::size_t>(units - u)] = Clock::now();
        });
    }
    x = body_->children().back()->as<nn::AvgPool2dImpl>()->forward(x);
    auto logits = classifier_->forward(x);
    auto loss = nn::functional::cross_entropy(logits, labels);
    lap(headRow_);
    return {logits, loss};
}

void LayerProfileRun::step(const torch::Tensor& input, const torch::Tensor& labels, bool timed,
                           torch::Tensor* logitsOut) {
    Arrivals arrivals(static_cast<std::size_t>(units_) + 2);
    auto [logits, loss] = forward(input, labels, timed, arrivals);
    logits.register_hook([&arrivals](const torch::Tensor&) { arrivals[0] = Clock::now(); });
    const auto backwardStart = Clock::now();
    loss.backward();
    if (timed)
        addBackward(arrivals, backwardStart, Clock::now());
    if (logitsOut)
        *logitsOut = logits.detach();
}

void LayerProfileRun::addBackward(const Arrivals& arrivals, Clock::time_point start,
                                  Clock::time_point end) {
    backwardMs_[headRow_] += msBetween(start, arrivals[1]);
    for (int u = units_ - 1; u >= 0; --u) {
        const auto from = arrivals[static_cast<std::size_t>(units_ - u)];
        const auto to = arrivals[static_cast<std::size_t>(units_ - u) + 1];
        backwardMs_[unitRows_[static_cast<std::size_t>(u)]] += msBetween(from, to);
    }
    backwardMs_[stemRow_] += msBetween(arrivals[static_cast<std::size_t>(units_) + 1], end);
}

LayerProfile LayerProfileRun::finish() {
    for (std::size_t i = 0; i < profile_.layers.size(); ++i) {
        LayerTiming& layer = profile_.layers[i];
        layer.forwardMs = forwardMs_[i] / steps_;
        if (!layer.branch)
            layer.backwardMs = backwardMs_[i] / steps_;
    }
    // The stem's forward is the sum of its layers; a unit's, of its branches and concatenation.
    for (std::size_t row : stemRows_)
        profile_.layers[stemRow_].forwardMs += profile_.layers[row].forwardMs;
    for (int u = 0; u < units_; ++u)
        for (int b = 0; b < 5; ++b)
            profile_.layers[unitRows_[static_cast<std::size_t>(u)]].forwardMs +=
                profile_.layers[branchRows_[static_cast<std::size_t>(u * 5 + b)]].forwardMs;
    return profile_;
}

} // namespace

LayerProfile profileLayers(GoogLeNet& model, const torch::Tensor& input,
                           const torch::Tensor& labels, int steps, torch::Tensor* logitsOut) {
    LayerProfileRun run(model, static_cast<int>(input.size(0)), steps);
    model->train();
    for (int step = 0; step <= steps; ++step) { // step 0 warms up
        model->zero_grad();
        run.step(input, labels, step > 0, logitsOut);
    }
    return run.finish();
}

} // namespace inception
