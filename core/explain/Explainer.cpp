#include "core/explain/Explainer.hpp"

#include "core/base/InputError.hpp"
#include "core/data/Dataset.hpp"
#include "core/data/readers/ImageFolderReader.hpp"
#include "core/explain/BranchAblation.hpp"
#include "core/explain/FeatureSet.hpp"
#include "core/explain/GradCam.hpp"
#include "core/training/Checkpoint.hpp"
#include "core/training/TrainingConfig.hpp"

#include <filesystem>
#include <optional>

namespace inception {

struct Explainer::State {
    GoogLeNet model{nullptr};
    std::string dataSpec;
    std::optional<Dataset> data;
    std::optional<FeatureSet> features;
    std::unique_ptr<NearestNeighbours> trainIndex;
};

namespace {

torch::Tensor inputOf(const std::vector<ImageBytes>& images, const ModelSpec& spec) {
    const InputSpec& in = spec.input;
    auto batch =
        torch::empty({static_cast<std::int64_t>(images.size()), in.height, in.width, in.channels},
                     torch::kUInt8);
    const auto bytes = static_cast<std::size_t>(in.height) * static_cast<std::size_t>(in.width) *
                       static_cast<std::size_t>(in.channels);
    for (std::size_t i = 0; i < images.size(); ++i) {
        const ImageBytes& image = images[i];
        if (image.height != in.height || image.width != in.width || image.channels != in.channels ||
            image.pixels.size() != bytes)
            throw InputError(
                "image", "is " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                             "x" + std::to_string(image.channels) + ", the model takes " +
                             std::to_string(in.width) + "x" + std::to_string(in.height) + "x" +
                             std::to_string(in.channels));
        std::memcpy(batch.data_ptr<std::uint8_t>() + i * bytes, image.pixels.data(), bytes);
    }
    return toModelInput(batch);
}

HeatMap heatMapOf(const torch::Tensor& map) {
    const auto values = map.to(torch::kFloat32).contiguous();
    HeatMap out{static_cast<int>(values.size(0)), static_cast<int>(values.size(1)), {}};
    out.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    return out;
}

ImageBytes imageOf(const DatasetSplit& split, std::int64_t index, const std::string& where) {
    if (index < 0 || index >= split.size())
        throw InputError(where, "no image " + std::to_string(index) + " (the split has " +
                                    std::to_string(split.size()) + ", numbered from 0)");
    const auto image = split.images[index].contiguous();
    ImageBytes out{static_cast<int>(image.size(0)),
                   static_cast<int>(image.size(1)),
                   static_cast<int>(image.size(2)),
                   {}};
    out.pixels.assign(image.data_ptr<std::uint8_t>(),
                      image.data_ptr<std::uint8_t>() + image.numel());
    return out;
}

} // namespace

Explainer::Explainer(const std::string& checkpoint, int threads)
    : checkpoint_(checkpoint), state_(std::make_unique<State>()) {
    TrainingConfig config;
    config.threads = threads;
    torch::set_num_threads(effectiveThreads(config));
    CheckpointReader reader(checkpoint);
    state_->model = reader.model();
    state_->model->eval();
}

Explainer::~Explainer() = default;

const ModelSpec& Explainer::spec() const {
    return state_->model->spec();
}

int Explainer::unitCount() const {
    return state_->model->unitCount();
}

int Explainer::classes() const {
    return spec().head.classes;
}

std::vector<GradCamResult> Explainer::gradCams(const std::vector<ImageBytes>& images,
                                               const std::vector<int>& targets, int unit) {
    if (images.empty())
        return {};
    if (unit < 0 || unit >= unitCount())
        throw InputError("--unit", "the model has units 0 to " + std::to_string(unitCount() - 1));
    for (const int target : targets)
        if (target != kPredictedClass && (target < 0 || target >= classes()))
            throw InputError("--class",
                             "the model has classes 0 to " + std::to_string(classes() - 1));
    const GradCamBatch batch =
        inception::gradCam(state_->model, inputOf(images, spec()), targets, unit);
    const auto probabilities = torch::softmax(batch.logits, 1).contiguous();
    std::vector<GradCamResult> out;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const auto n = static_cast<std::int64_t>(i);
        GradCamResult r;
        r.unit = unit;
        r.targetClass = static_cast<int>(batch.targets[n].item<std::int64_t>());
        r.raw = heatMapOf(batch.raw[n]);
        r.map = heatMapOf(batch.maps[n]);
        const auto row = probabilities[n];
        r.probabilities.assign(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        out.push_back(std::move(r));
    }
    return out;
}

GradCamResult Explainer::gradCam(const ImageBytes& image, int targetClass, int unit) {
    return gradCams({image}, {targetClass}, unit).front();
}

std::vector<std::vector<float>> Explainer::probabilities(const std::vector<ImageBytes>& images) {
    std::vector<std::vector<float>> out;
    if (images.empty())
        return out;
    torch::NoGradGuard noGrad;
    const auto p =
        torch::softmax(state_->model->forward(inputOf(images, spec())).to(torch::kFloat32), 1)
            .contiguous();
    for (std::int64_t i = 0; i < p.size(0); ++i)
        out.emplace_back(p[i].data_ptr<float>(), p[i].data_ptr<float>() + p.size(1));
    return out;
}

ImageBytes Explainer::readImage(const std::string& path) const {
    const InputSpec& in = spec().input;
    return {in.height, in.width, in.channels,
            decodeImageFile(path, {in.height, in.width, in.channels})};
}

void Explainer::setData(const std::string& dataSpec) {
    if (dataSpec == state_->dataSpec)
        return;
    state_->dataSpec = dataSpec;
    state_->data.reset();
    state_->features.reset();
    state_->trainIndex.reset();
}

namespace {

const Dataset& loadedData(std::optional<Dataset>& data, const std::string& spec,
                          const ModelSpec& model) {
    if (!data) {
        if (spec.empty())
            throw InputError("--data", "no data given to explain the model on");
        Dataset loaded = loadDataset(spec, inputShapeOf(model));
        requireModelFitsData(model, loaded);
        data = std::move(loaded);
    }
    return *data;
}

} // namespace

const std::vector<std::string>& Explainer::classNames() {
    return loadedData(state_->data, state_->dataSpec, spec()).classNames;
}

std::int64_t Explainer::testCount() {
    return loadedData(state_->data, state_->dataSpec, spec()).test.size();
}

ImageBytes Explainer::testImage(std::int64_t index) {
    return imageOf(loadedData(state_->data, state_->dataSpec, spec()).test, index, "--images");
}

int Explainer::testLabel(std::int64_t index) {
    testImage(index); // checks the index
    return static_cast<int>(state_->data->test.labels[index].item<std::int64_t>());
}

ImageBytes Explainer::trainImage(std::int64_t index) {
    return imageOf(loadedData(state_->data, state_->dataSpec, spec()).train, index, "train");
}

int Explainer::trainLabel(std::int64_t index) {
    trainImage(index);
    return static_cast<int>(state_->data->train.labels[index].item<std::int64_t>());
}

AblationReport Explainer::ablate(AblationMode mode, const ExplainProgress& progress) {
    const Dataset& data = loadedData(state_->data, state_->dataSpec, spec());
    return ablateBranches(state_->model, data.test, data.classes(), mode, progress);
}

bool Explainer::prepareFeatures(const ExplainProgress& progress) {
    if (state_->features)
        return true;
    const Dataset& data = loadedData(state_->data, state_->dataSpec, spec());
    const std::string cache = featureCachePath(checkpoint_);
    const std::string key = featureKey(checkpoint_, data.identity.hash);
    bool cached = false;
    try {
        if (std::filesystem::exists(cache)) {
            FeatureSet set = readFeatureSet(cache);
            if (set.key == key && set.train.count == data.train.size() &&
                set.test.count == data.test.size()) {
                state_->features = std::move(set);
                cached = true;
            }
        }
    } catch (const InputError&) {
        // A damaged cache is computed again and replaced.
    }
    if (!state_->features) {
        FeatureSet set = computeFeatureSet(state_->model, data, progress);
        set.key = key;
        std::error_code error;
        std::filesystem::create_directories(std::filesystem::path(cache).parent_path(), error);
        writeFeatureSet(cache, set);
        state_->features = std::move(set);
    }
    state_->trainIndex = std::make_unique<NearestNeighbours>(state_->features->train.features,
                                                             state_->features->train.dims);
    return cached;
}

namespace {

const FeatureSet& preparedFeatures(const std::optional<FeatureSet>& features) {
    if (!features)
        throw std::logic_error("Explainer: prepareFeatures() before asking for neighbours");
    return *features;
}

} // namespace

std::vector<Neighbour> Explainer::testImageNeighbours(std::int64_t index, int k) {
    const SplitFeatures& test = preparedFeatures(state_->features).test;
    if (index < 0 || index >= test.count)
        throw InputError("test image", "no image " + std::to_string(index));
    return state_->trainIndex->search(test.feature(index), 1, k);
}

std::vector<Neighbour> Explainer::imageNeighbours(const ImageBytes& image, int k) {
    preparedFeatures(state_->features);
    torch::NoGradGuard noGrad;
    const auto features =
        state_->model->features(inputOf({image}, spec())).to(torch::kFloat32).contiguous();
    return state_->trainIndex->search(features.data_ptr<float>(), 1, k);
}

const std::vector<float>& Explainer::testProbabilities() {
    return preparedFeatures(state_->features).test.probabilities;
}

SuspectSearch Explainer::testSuspects() {
    const SplitFeatures& test = preparedFeatures(state_->features).test;
    const SplitFeatures& train = state_->features->train;
    std::vector<std::int16_t> neighbourLabels;
    neighbourLabels.reserve(static_cast<std::size_t>(test.count) * kExplainNeighbours);
    for (const Neighbour& n : state_->trainIndex->search(test.features.data(), test.count))
        neighbourLabels.push_back(train.labels[static_cast<std::size_t>(n.index)]);
    const int k =
        train.count < kExplainNeighbours ? static_cast<int>(train.count) : kExplainNeighbours;
    return findSuspectLabels(test.probabilities, test.labels, test.classes, neighbourLabels, k);
}

} // namespace inception
