#include "core/LayerProfiler.hpp"

#include "core/ModelAnalysis.hpp"

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

} // namespace

LayerProfile profileLayers(GoogLeNet& model, const torch::Tensor& input,
                           const torch::Tensor& labels, int steps, torch::Tensor* logitsOut) {
    const ModelSpec& spec = model->spec();
    const ModelAnalysis analysis = analyze(spec);
    const auto units = static_cast<int>(spec.units.size());
    auto children = model->named_children();
    auto stem = children["conv1"]->as<nn::SequentialImpl>();
    auto body = children["inception2"]->as<nn::SequentialImpl>();
    auto classifier = children["classifier"]->as<nn::SequentialImpl>();

    LayerProfile profile;
    profile.batchSize = static_cast<int>(input.size(0));
    profile.steps = steps;
    auto row = [&](const std::string& name, std::int64_t macs, bool branch) {
        profile.layers.push_back({name, macs, 0.0, branch ? -1.0 : 0.0, branch});
        return profile.layers.size() - 1;
    };
    const std::size_t stemRow = row("stem", macsUnder(analysis, "conv1."), false);
    std::vector<std::size_t> stemRows;
    for (std::size_t i = 0; i < stem->size(); ++i) {
        const std::string name = "conv1." + std::to_string(i);
        std::string what = stem->ptr(i)->name(); // "torch::nn::ReLU" unless analysed
        what = what.substr(what.rfind(':') + 1);
        for (const LayerInfo& layer : analysis.layers)
            if (layer.name == name)
                what = layer.description.substr(0, layer.description.find(','));
        stemRows.push_back(row("stem / " + what, macsUnder(analysis, name), true));
    }
    std::vector<std::size_t> unitRows, branchRows;
    for (int u = 0; u < units; ++u) {
        const std::string prefix = "inception2." + std::to_string(u) + ".";
        unitRows.push_back(
            row("unit " + std::to_string(u + 1), macsUnder(analysis, prefix), false));
        for (int b = 0; b < 4; ++b)
            branchRows.push_back(row("unit " + std::to_string(u + 1) + " / " + kBranchNames[b],
                                     macsUnder(analysis, prefix + kBranches[b] + "."), true));
        branchRows.push_back(row("unit " + std::to_string(u + 1) + " / concat", 0, true));
    }
    const std::size_t headRow = row("head",
                                    macsUnder(analysis, "inception2." + std::to_string(units)) +
                                        macsUnder(analysis, "classifier."),
                                    false);

    model->train();
    std::vector<double> forward(profile.layers.size()), backward(profile.layers.size());
    for (int step = 0; step <= steps; ++step) { // step 0 warms up
        const bool timed = step > 0;
        // Gradient arrival times: [0] the logits', [1 + u] unit u's output's (u = units - 1 down
        // to 0), [units + 1] the stem output's.
        std::vector<Clock::time_point> arrivals(static_cast<std::size_t>(units) + 2);
        model->zero_grad();
        auto mark = Clock::now();
        auto lap = [&](std::size_t index) {
            const auto now = Clock::now();
            if (timed)
                forward[index] += msBetween(mark, now);
            mark = now;
        };
        const auto& mean = spec.input.mean;
        torch::Tensor x = input;
        if (!mean.empty()) {
            const auto channels = static_cast<std::int64_t>(mean.size());
            x = (x - torch::tensor(mean, torch::kFloat32).view({1, channels, 1, 1})) /
                torch::tensor(spec.input.std, torch::kFloat32).view({1, channels, 1, 1});
        }
        std::size_t stemLayer = 0;
        for (auto& layer : *stem) {
            x = layer.forward(x);
            lap(stemRows[stemLayer++]);
        }
        x.register_hook([&arrivals, units](const torch::Tensor&) {
            arrivals[static_cast<std::size_t>(units) + 1] = Clock::now();
        });
        for (int u = 0; u < units; ++u) {
            auto unit = body->children()[static_cast<std::size_t>(u)];
            auto branches = unit->named_children();
            std::vector<torch::Tensor> outputs;
            for (int b = 0; b < 4; ++b) {
                outputs.push_back(branches[kBranches[b]]->as<nn::SequentialImpl>()->forward(x));
                lap(branchRows[static_cast<std::size_t>(u * 5 + b)]);
            }
            x = torch::cat(outputs, 1);
            lap(branchRows[static_cast<std::size_t>(u * 5 + 4)]);
            x.register_hook([&arrivals, units, u](const torch::Tensor&) {
                arrivals[static_cast<std::size_t>(units - u)] = Clock::now();
            });
        }
        x = body->children().back()->as<nn::AvgPool2dImpl>()->forward(x);
        auto logits = classifier->forward(x);
        const auto loss = nn::functional::cross_entropy(logits, labels);
        lap(headRow);
        logits.register_hook([&arrivals](const torch::Tensor&) { arrivals[0] = Clock::now(); });

        const auto backwardStart = Clock::now();
        loss.backward();
        const auto backwardEnd = Clock::now();
        if (timed) {
            backward[headRow] += msBetween(backwardStart, arrivals[1]);
            for (int u = units - 1; u >= 0; --u) {
                const auto from = arrivals[static_cast<std::size_t>(units - u)];
                const auto to = arrivals[static_cast<std::size_t>(units - u) + 1];
                backward[unitRows[static_cast<std::size_t>(u)]] += msBetween(from, to);
            }
            backward[stemRow] +=
                msBetween(arrivals[static_cast<std::size_t>(units) + 1], backwardEnd);
        }
        if (logitsOut)
            *logitsOut = logits.detach();
    }
    for (std::size_t i = 0; i < profile.layers.size(); ++i) {
        LayerTiming& layer = profile.layers[i];
        layer.forwardMs = forward[i] / steps;
        if (!layer.branch)
            layer.backwardMs = backward[i] / steps;
    }
    // The stem's forward is the sum of its layers; a unit's, of its branches and concatenation.
    for (std::size_t row : stemRows)
        profile.layers[stemRow].forwardMs += profile.layers[row].forwardMs;
    for (int u = 0; u < units; ++u)
        for (int b = 0; b < 5; ++b)
            profile.layers[unitRows[static_cast<std::size_t>(u)]].forwardMs +=
                profile.layers[branchRows[static_cast<std::size_t>(u * 5 + b)]].forwardMs;
    return profile;
}

} // namespace inception
