#include "app/cli/ExplainCommands.hpp"

#include "app/cli/ExitCodes.hpp"
#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TextFormat.hpp"
#include "core/explain/BranchAblation.hpp"
#include "core/explain/Explainer.hpp"
#include "core/explain/HeatMapImage.hpp"
#include "core/training/Checkpoint.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <unistd.h>

namespace inception::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kDataHelp = "the data (as for train); its test split is explained";
// PNGs show each 32x32 map at this many screen pixels a side.
constexpr int kPngScale = 8;

std::vector<std::int64_t> parseIndices(const std::string& text) {
    std::vector<std::int64_t> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t used = 0;
        long long value = -1;
        try {
            value = std::stoll(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != item.size() || value < 0)
            throw InputError("--images", "'" + item + "' is not a test image number (from 0)");
        out.push_back(value);
    }
    if (out.empty())
        throw InputError("--images", "give test image numbers, as 3,17,42");
    return out;
}

std::string className(const std::vector<std::string>& names, int c) {
    return c >= 0 && static_cast<std::size_t>(c) < names.size() ? names[static_cast<std::size_t>(c)]
                                                                : std::to_string(c);
}

// The class the maps explain: predicted, true (per image: -2) or a class by name or number.
constexpr int kTrueClass = -2;
int parseTarget(const std::string& text, const std::vector<std::string>& names) {
    if (text == "predicted")
        return kPredictedClass;
    if (text == "true")
        return kTrueClass;
    const auto named = std::find(names.begin(), names.end(), text);
    if (named != names.end())
        return static_cast<int>(named - names.begin());
    std::string known;
    for (const std::string& name : names)
        known += (known.empty() ? "" : ", ") + name;
    throw InputError("--class", "'" + text + "' is not predicted, true or a class (" + known + ")");
}

std::vector<std::pair<int, float>> topClasses(const std::vector<float>& probabilities, int k) {
    std::vector<int> order(probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    const auto kept = std::min<std::size_t>(static_cast<std::size_t>(k), order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                      [&](int a, int b) {
                          return probabilities[static_cast<std::size_t>(a)] >
                                 probabilities[static_cast<std::size_t>(b)];
                      });
    std::vector<std::pair<int, float>> out;
    for (std::size_t i = 0; i < kept; ++i)
        out.emplace_back(order[i], probabilities[static_cast<std::size_t>(order[i])]);
    return out;
}

int argmax(const std::vector<float>& values) {
    return static_cast<int>(std::max_element(values.begin(), values.end()) - values.begin());
}

nlohmann::json mapJson(const HeatMap& map) {
    nlohmann::json rows = nlohmann::json::array();
    for (int y = 0; y < map.height; ++y) {
        nlohmann::json row = nlohmann::json::array();
        for (int x = 0; x < map.width; ++x)
            row.push_back(map.at(y, x));
        rows.push_back(row);
    }
    return {{"height", map.height}, {"width", map.width}, {"values", rows}};
}

int runExplain(const ExplainCommands& c) {
    Explainer explainer(c.checkpoint, c.threads);
    explainer.setData(c.data);
    const auto indices = parseIndices(c.images);
    const auto& names = explainer.classNames();
    const int target = parseTarget(c.target, names);
    const int unit = c.unit < 0 ? explainer.unitCount() - 1 : c.unit;
    std::vector<ImageBytes> images;
    std::vector<int> targets;
    for (const std::int64_t i : indices) {
        images.push_back(explainer.testImage(i));
        targets.push_back(target == kTrueClass ? explainer.testLabel(i) : target);
    }
    const auto maps = explainer.gradCams(images, targets, unit);
    fs::create_directories(c.out);
    nlohmann::json entries = nlohmann::json::array();
    for (std::size_t n = 0; n < indices.size(); ++n) {
        const GradCamResult& r = maps[n];
        const std::string file = formatText("image-%05lld.png", static_cast<long long>(indices[n]));
        writePng(
            (fs::path(c.out) / file).string(),
            sideBySide({enlarged(images[n], kPngScale), enlarged(heatMapImage(r.map), kPngScale),
                        enlarged(blendHeatMap(images[n], r.map, 0.5f), kPngScale)},
                       kPngScale));
        const int truth = explainer.testLabel(indices[n]);
        const int predicted = argmax(r.probabilities);
        nlohmann::json probabilities = nlohmann::json::object();
        for (std::size_t k = 0; k < r.probabilities.size(); ++k)
            probabilities[className(names, static_cast<int>(k))] = r.probabilities[k];
        entries.push_back({{"index", indices[n]},
                           {"true", className(names, truth)},
                           {"predicted", className(names, predicted)},
                           {"explained", className(names, r.targetClass)},
                           {"png", file},
                           {"probabilities", probabilities},
                           {"map", mapJson(r.raw)}});
        std::cout << formatText(
            "test image %lld: true %s, predicted %s (%.1f%%), map of %s -> %s\n",
            static_cast<long long>(indices[n]), className(names, truth).c_str(),
            className(names, predicted).c_str(),
            100.0 * r.probabilities[static_cast<std::size_t>(predicted)],
            className(names, r.targetClass).c_str(), (fs::path(c.out) / file).c_str());
    }
    const nlohmann::json document = {
        {"checkpoint", c.checkpoint}, {"unit", unit}, {"method", "grad-cam"}, {"images", entries}};
    writeFileAtomically((fs::path(c.out) / "gradcam.json").string(), document.dump(1) + "\n");
    return kExitOk;
}

int runAblate(const ExplainCommands& c) {
    const AblationMode mode = parseAblationMode(c.mode, "--mode");
    Explainer explainer(c.checkpoint, c.threads);
    explainer.setData(c.data);
    const auto& names = explainer.classNames();
    const AblationReport report =
        explainer.ablate(mode, [&](std::int64_t done, std::int64_t total) {
            if (!c.json && isatty(STDERR_FILENO))
                std::cerr << formatText("\revaluations %lld of %lld", static_cast<long long>(done),
                                        static_cast<long long>(total))
                          << (done == total ? "\n" : "") << std::flush;
            return true;
        });
    if (c.json) {
        std::cout << toJson(report, names).dump(2) << '\n';
        return kExitOk;
    }
    std::cout << formatText("Accuracy %.2f%% on %lld test images; each branch %s in turn:\n",
                            100 * report.accuracy, static_cast<long long>(report.images),
                            mode == AblationMode::Zero ? "zeroed" : "replaced by its mean");
    std::cout << formatText("%-6s %-6s %10s %10s %9s  %-28s %s\n", "unit", "branch", "M MACs",
                            "accuracy", "lost", "class losing most", "");
    for (const BranchEffect& b : report.branches) {
        int worst = 0;
        for (std::size_t k = 1; k < b.classAccuracy.size(); ++k)
            if (report.classAccuracy[k] - b.classAccuracy[k] >
                report.classAccuracy[static_cast<std::size_t>(worst)] -
                    b.classAccuracy[static_cast<std::size_t>(worst)])
                worst = static_cast<int>(k);
        const auto w = static_cast<std::size_t>(worst);
        std::cout << formatText("%-6d %-6s %10s %9.2f%% %8.2f   %-28s %s\n", b.unit,
                                branchName(b.branch), formatText("%.2f", b.macs / 1e6).c_str(),
                                100 * b.accuracy, 100 * (report.accuracy - b.accuracy),
                                formatText("%s (-%.1f)", className(names, worst).c_str(),
                                           100 * (report.classAccuracy[w] - b.classAccuracy[w]))
                                    .c_str(),
                                b.shrinkCandidate ? "shrink candidate" : "");
    }
    std::cout << "Lost: percentage points of test accuracy. Shrink candidates cost more MACs than "
                 "the median branch and lose less accuracy than the median one.\n";
    return kExitOk;
}

int runSuspects(const ExplainCommands& c) {
    if (c.split != "test")
        throw InputError("--split",
                         c.split == "train"
                             ? "the training split needs out-of-sample probabilities (a model "
                               "finds few suspects among the labels it learned); k-fold runs, "
                               "the method for it, are not built yet: only test is offered"
                             : "must be test, not '" + c.split + "'");
    Explainer explainer(c.checkpoint, c.threads);
    explainer.setData(c.data);
    const auto& names = explainer.classNames();
    explainer.prepareFeatures();
    const SuspectSearch search = explainer.testSuspects();
    const auto shown =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(0, c.top)), search.suspects.size());
    if (c.json) {
        nlohmann::json thresholds = nlohmann::json::object();
        for (std::size_t k = 0; k < search.thresholds.size(); ++k)
            thresholds[className(names, static_cast<int>(k))] = search.thresholds[k];
        nlohmann::json suspects = nlohmann::json::array();
        for (std::size_t i = 0; i < shown; ++i) {
            const SuspectLabel& s = search.suspects[i];
            suspects.push_back({{"index", s.index},
                                {"given", className(names, s.given)},
                                {"likely", className(names, s.likely)},
                                {"given_probability", s.givenProbability},
                                {"likely_probability", s.likelyProbability},
                                {"neighbours_agreeing", s.neighboursAgreeing},
                                {"score", s.score}});
        }
        std::cout << nlohmann::json{{"split", "test"},
                                    {"method",
                                     "confident learning, neighbours of the training split"},
                                    {"suspects_found", search.suspects.size()},
                                    {"thresholds", thresholds},
                                    {"suspects", suspects}}
                         .dump(2)
                  << '\n';
        return kExitOk;
    }
    std::cout << formatText("%zu of %lld test labels are suspect (confident learning); the "
                            "first %zu:\n",
                            search.suspects.size(), static_cast<long long>(explainer.testCount()),
                            shown);
    std::cout << formatText("%6s  %-12s %7s  %-12s %7s  %s\n", "image", "given", "p", "likely", "p",
                            "neighbours agreeing");
    for (std::size_t i = 0; i < shown; ++i) {
        const SuspectLabel& s = search.suspects[i];
        std::cout << formatText("%6lld  %-12s %6.1f%%  %-12s %6.1f%%  %.0f%%\n",
                                static_cast<long long>(s.index), className(names, s.given).c_str(),
                                100 * s.givenProbability, className(names, s.likely).c_str(),
                                100 * s.likelyProbability, 100 * s.neighboursAgreeing);
    }
    return kExitOk;
}

int runPredict(const ExplainCommands& c) {
    Explainer explainer(c.checkpoint, c.threads);
    const std::vector<std::string> names = CheckpointReader(c.checkpoint).meta().classNames;
    nlohmann::json results = nlohmann::json::array();
    int unreadable = 0;
    for (const std::string& file : c.files) {
        try {
            const ImageBytes image = explainer.readImage(file);
            const auto probabilities = explainer.probabilities({image}).front();
            const auto top = topClasses(probabilities, 5);
            nlohmann::json entries = nlohmann::json::array();
            std::string line = file + ":";
            for (const auto& [k, p] : top) {
                entries.push_back({{"class", className(names, k)}, {"probability", p}});
                line += formatText(" %s %.1f%%", className(names, k).c_str(), 100.0 * p);
            }
            results.push_back({{"file", file}, {"top", entries}});
            if (!c.json)
                std::cout << line << '\n';
        } catch (const InputError& e) {
            ++unreadable;
            std::cerr << "error: " << e.oneLine() << '\n';
            results.push_back({{"file", file}, {"error", e.what()}});
        }
    }
    if (c.json)
        std::cout << results.dump(2) << '\n';
    return unreadable == 0 ? kExitOk : kExitBadInput;
}

void addCommon(CLI::App& cmd, ExplainCommands& c, bool withData) {
    cmd.add_option("--checkpoint", c.checkpoint, "checkpoint file (a run's, or imported)")
        ->required();
    if (withData)
        cmd.add_option("--data", c.data, kDataHelp)->required();
    cmd.add_option("--threads", c.threads, "LibTorch threads, 0 for every core");
}

} // namespace

void addExplainCommands(CLI::App& app, ExplainCommands& c) {
    auto* explain = app.add_subcommand("explain", "Grad-CAM maps of test images: PNGs and JSON");
    addCommon(*explain, c, true);
    explain->add_option("--images", c.images, "test image numbers, from 0: 3,17,42")->required();
    explain->add_option("--class", c.target, "explain predicted, true or a class by name")
        ->capture_default_str();
    explain->add_option("--unit", c.unit, "Inception unit, from 0 (default: the last)");
    explain->add_option("--out", c.out, "folder for the PNGs and gradcam.json")->required();

    auto* ablate = app.add_subcommand(
        "ablate", "switch off each branch of each unit and re-evaluate: the accuracy each carries");
    addCommon(*ablate, c, true);
    ablate->add_option("--mode", c.mode, "mean: the branch's mean output, or zero")
        ->capture_default_str();
    ablate->add_flag("--json", c.json, "print JSON");

    auto* suspects =
        app.add_subcommand("suspects", "test images whose given label the model finds improbable");
    addCommon(*suspects, c, true);
    suspects->add_option("--split", c.split, "test (train needs k-fold runs, not built yet)")
        ->capture_default_str();
    suspects->add_option("--top", c.top, "how many to list")->capture_default_str();
    suspects->add_flag("--json", c.json, "print JSON");

    auto* predict = app.add_subcommand("predict", "the top-5 classes of image files");
    addCommon(*predict, c, false);
    predict->add_option("images", c.files, "image files (PNG, JPEG, BMP, ...)")->required();
    predict->add_flag("--json", c.json, "print JSON");
}

int runExplainCommand(const CLI::App& app, const ExplainCommands& c) {
    if (app.got_subcommand("explain"))
        return runExplain(c);
    if (app.got_subcommand("ablate"))
        return runAblate(c);
    if (app.got_subcommand("suspects"))
        return runSuspects(c);
    if (app.got_subcommand("predict"))
        return runPredict(c);
    return -1;
}

} // namespace inception::cli
