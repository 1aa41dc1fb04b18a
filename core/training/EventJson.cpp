#include "core/training/EventJson.hpp"

#include "core/base/EnumNames.hpp"

#include <chrono>
#include <ctime>
#include <limits>

namespace inception {

using nlohmann::json;

json toJsonValue(const DatasetIdentity& d) {
    return {{"kind", d.kind},
            {"path", d.path},
            {"train_count", d.trainCount},
            {"test_count", d.testCount},
            {"hash", d.hash},
            {"image_size", {d.height, d.width, d.channels}}};
}

DatasetIdentity datasetIdentityFromJson(const json& v) {
    DatasetIdentity d{v.value("kind", ""), v.value("path", ""),
                      v.value("train_count", std::int64_t{0}),
                      v.value("test_count", std::int64_t{0}), v.value("hash", "")};
    const json size = v.value("image_size", json::array());
    if (size.is_array() && size.size() == 3 && size[0].is_number_integer() &&
        size[1].is_number_integer() && size[2].is_number_integer()) {
        d.height = size[0].get<int>();
        d.width = size[1].get<int>();
        d.channels = size[2].get<int>();
    }
    return d;
}

json toJsonValue(const EpochSummary& e) {
    return {{"type", "epoch"},
            {"epoch", e.epoch},
            {"epochs", e.epochs},
            {"train_loss", e.trainLoss},
            {"train_acc", e.trainAccuracy},
            {"test_loss", e.testLoss},
            {"test_acc", e.testAccuracy},
            {"lr", e.learningRate},
            {"seconds", e.seconds},
            {"elapsed_seconds", e.elapsedSeconds},
            {"images_per_second", e.imagesPerSecond},
            {"eval_images_per_second", e.evalImagesPerSecond},
            {"confusion", e.confusion.rows()}};
}

namespace {
double numberOrNaN(const json& v, const char* key) {
    const auto found = v.find(key);
    return found == v.end() || found->is_null() ? std::numeric_limits<double>::quiet_NaN()
                                                : found->get<double>();
}
} // namespace

EpochSummary epochSummaryFromJson(const json& v) {
    EpochSummary e;
    e.epoch = v.at("epoch").get<int>();
    e.epochs = v.value("epochs", 0);
    // null: an epoch 0 of imported weights has no training figures
    e.trainLoss = numberOrNaN(v, "train_loss");
    e.trainAccuracy = numberOrNaN(v, "train_acc");
    e.testLoss = v.value("test_loss", 0.0);
    e.testAccuracy = v.value("test_acc", 0.0);
    e.learningRate = v.value("lr", 0.0);
    e.seconds = v.value("seconds", 0.0);
    e.elapsedSeconds = v.value("elapsed_seconds", 0.0);
    e.imagesPerSecond = v.value("images_per_second", 0.0);
    e.evalImagesPerSecond = v.value("eval_images_per_second", 0.0);
    if (const auto it = v.find("confusion"); it != v.end())
        e.confusion = ConfusionMatrix::fromRows(it->get<std::vector<std::vector<std::int64_t>>>());
    return e;
}

json toJsonValue(const BatchProgress& b) {
    return {{"type", "batch"},      {"epoch", b.epoch},
            {"epochs", b.epochs},   {"batch", b.batch},
            {"batches", b.batches}, {"loss", b.loss},
            {"lr", b.learningRate}, {"images_per_second", b.imagesPerSecond}};
}

void addRunSetup(json& object, const RunSetup& setup) {
    object["spec"] = toJsonValue(setup.spec);
    object["config"] = toJsonValue(setup.config);
    object["dataset"] = toJsonValue(setup.dataset);
    object["class_names"] = setup.classNames;
    object["precision"] = {{"used", toString(setup.precision.precision)},
                           {"reason", setup.precision.reason}};
}

RunSetup runSetupFromJson(const json& object, const std::string& source) {
    RunSetup setup;
    setup.spec = modelSpecFromJsonValue(object.at("spec"), source + " (spec)");
    setup.config = trainingConfigFromJsonValue(object.at("config"), source + " (config)");
    setup.dataset = datasetIdentityFromJson(object.at("dataset"));
    setup.classNames = object.value("class_names", std::vector<std::string>{});
    if (const auto it = object.find("precision"); it != object.end() && it->is_object()) {
        setup.precision.precision =
            parsePrecision(it->value("used", "float32"), source + ": precision.used");
        setup.precision.reason = it->value("reason", "");
    } else { // written before runs recorded their precision: it was the one asked for
        setup.precision = {setup.config.precision, "asked for"};
    }
    if (setup.precision.precision == Precision::Auto)
        throw InputError(source + ": precision.used", "must be float32 or bfloat16, not auto");
    return setup;
}

BatchProgress batchProgressFromJson(const json& v) {
    BatchProgress b;
    b.epoch = v.at("epoch").get<int>();
    b.epochs = v.value("epochs", 0);
    b.batch = v.at("batch").get<int>();
    b.batches = v.value("batches", 0);
    b.loss = v.at("loss").get<double>();
    b.learningRate = v.value("lr", 0.0);
    b.imagesPerSecond = v.value("images_per_second", 0.0);
    return b;
}

} // namespace inception

namespace inception {

namespace {
constexpr EnumNames<RunStatus, 5> kRunStatusNames{"status",
                                                  {{{RunStatus::Running, "running"},
                                                    {RunStatus::Finished, "finished"},
                                                    {RunStatus::Stopped, "stopped"},
                                                    {RunStatus::Failed, "failed"},
                                                    {RunStatus::Pruned, "pruned"}}}};
} // namespace

std::string toString(RunStatus status) {
    return kRunStatusNames.nameOf(status);
}

RunStatus parseRunStatus(const std::string& text, const std::string& where) {
    return kRunStatusNames.parse(text, where);
}

} // namespace inception
