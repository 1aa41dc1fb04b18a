#include "core/training/Checkpoint.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/base/TorchText.hpp"
#include "core/base/ZipDirectory.hpp"
#include "core/training/EventJson.hpp"

#include <filesystem>
#include <sstream>

namespace inception {

using nlohmann::json;

namespace {

constexpr const char* kFormatName = "inception-workbench-checkpoint";
constexpr const char* kTrainedEntry = "model";
constexpr const char* kAveragedEntry = "ema";

std::string metaToJson(const CheckpointMeta& m) {
    json history = json::array();
    for (const auto& e : m.history)
        history.push_back(toJsonValue(e));
    json doc = {{"format", kFormatName},
                {"version", kCheckpointFormatVersion},
                {"epochs_completed", m.epochsCompleted},
                {"batches_into_epoch", m.batchesIntoEpoch},
                {"partial_loss_sum", m.partialLossSum},
                {"partial_correct", m.partialCorrect},
                {"partial_seen", m.partialSeen},
                {"best_test_accuracy", m.bestTestAccuracy},
                {"history", history},
                {"created", m.created}};
    addRunSetup(doc, m);
    return doc.dump();
}

CheckpointMeta metaFromJson(const std::string& text, const std::string& path) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception&) {
        throw InputError(path, "is not an Inception Workbench checkpoint (bad metadata)");
    }
    if (doc.value("format", "") != kFormatName)
        throw InputError(path, "is not an Inception Workbench checkpoint");
    const int version = doc.value("version", 0);
    if (version != kCheckpointFormatVersion)
        throw InputError(path, "checkpoint format version " + std::to_string(version) +
                                   " is not the one this build reads (" +
                                   std::to_string(kCheckpointFormatVersion) + ")");
    CheckpointMeta m;
    try {
        static_cast<RunSetup&>(m) = runSetupFromJson(doc, path);
        m.epochsCompleted = doc.at("epochs_completed").get<int>();
        m.batchesIntoEpoch = doc.value("batches_into_epoch", 0);
        m.partialLossSum = doc.value("partial_loss_sum", 0.0);
        m.partialCorrect = doc.value("partial_correct", std::int64_t{0});
        m.partialSeen = doc.value("partial_seen", std::int64_t{0});
        m.bestTestAccuracy = doc.value("best_test_accuracy", -1.0);
        for (const auto& e : doc.at("history"))
            m.history.push_back(epochSummaryFromJson(e));
        m.created = doc.value("created", "");
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(path, std::string("checkpoint metadata is damaged: ") + e.what());
    }
    if (static_cast<int>(m.classNames.size()) != m.spec.head.classes)
        throw InputError(path, "checkpoint names " + std::to_string(m.classNames.size()) +
                                   " classes but its model has " +
                                   std::to_string(m.spec.head.classes));
    return m;
}

// Follows a dotted state_dict name through the nested archives Module::save writes.
bool readNested(torch::serialize::InputArchive& root, const std::string& name, torch::Tensor& out,
                bool isBuffer) {
    torch::serialize::InputArchive* current = &root;
    std::vector<std::unique_ptr<torch::serialize::InputArchive>> chain;
    std::size_t start = 0;
    for (auto dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
        auto child = std::make_unique<torch::serialize::InputArchive>();
        if (!current->try_read(name.substr(start, dot - start), *child))
            return false;
        current = child.get();
        chain.push_back(std::move(child));
        start = dot + 1;
    }
    return current->try_read(name.substr(start), out, isBuffer);
}

} // namespace

void saveArchiveAtomically(const std::string& path, torch::serialize::OutputArchive& archive) {
    try {
        if (const auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
            std::filesystem::create_directories(parent);
    } catch (const std::filesystem::filesystem_error& e) {
        throw InputError(path, std::string("cannot be written: ") + e.code().message());
    }
    // Serialized in memory, then written by our atomic writer: LibTorch's file writer throws
    // from its destructor when a write fails (a full disk), which ends the process.
    std::ostringstream bytes;
    try {
        archive.save_to(bytes);
    } catch (const c10::Error& e) {
        throw InputError(path, "cannot be written: " + firstLineOf(e));
    }
    writeFileAtomically(path, bytes.view());
}

void saveCheckpoint(const std::string& path, const CheckpointMeta& meta, GoogLeNet& model,
                    const torch::optim::Optimizer* optimizer, const CheckpointTensors& tensors,
                    GoogLeNet* averaged) {
    torch::serialize::OutputArchive archive;
    archive.write("meta", c10::IValue(metaToJson(meta)));
    torch::serialize::OutputArchive weights(archive.compilation_unit());
    model->save(weights);
    archive.write(kTrainedEntry, weights);
    if (averaged) {
        torch::serialize::OutputArchive average(archive.compilation_unit());
        (*averaged)->save(average);
        archive.write(kAveragedEntry, average);
    }
    if (optimizer) {
        torch::serialize::OutputArchive state(archive.compilation_unit());
        optimizer->save(state);
        archive.write("optimizer", state);
    }
    if (tensors.rngState.defined())
        archive.write("rng_state", tensors.rngState, /*is_buffer=*/true);
    if (tensors.epochOrder.defined())
        archive.write("epoch_order", tensors.epochOrder, /*is_buffer=*/true);
    saveArchiveAtomically(path, archive);
}

CheckpointReader::CheckpointReader(const std::string& path)
    : path_(path), archive_(std::make_unique<torch::serialize::InputArchive>()) {
    if (!std::filesystem::is_regular_file(path))
        throw InputError(path, "no such checkpoint file");
    // The zip's structure, checked before LibTorch reads it.
    readZipDirectory(path, "is not a readable checkpoint");
    c10::IValue metaValue;
    try {
        archive_->load_from(path);
        if (!archive_->try_read("meta", metaValue) || !metaValue.isString())
            throw InputError(path, "is not an Inception Workbench checkpoint (no metadata)");
    } catch (const c10::Error& e) {
        throw InputError(path, "is not a readable checkpoint: " + firstLineOf(e));
    }
    meta_ = metaFromJson(metaValue.toStringRef(), path);
}

CheckpointReader::~CheckpointReader() = default;

GoogLeNet CheckpointReader::model() {
    GoogLeNet net(meta_.spec);
    loadWeights(net);
    return net;
}

void CheckpointReader::loadWeights(GoogLeNet& model) {
    loadWeightsFrom(hasAveragedWeights() ? kAveragedEntry : kTrainedEntry, model);
}

void CheckpointReader::loadTrainingWeights(GoogLeNet& model) {
    loadWeightsFrom(kTrainedEntry, model);
}

bool CheckpointReader::hasAveragedWeights() {
    torch::serialize::InputArchive weights;
    try {
        return archive_->try_read(kAveragedEntry, weights);
    } catch (const c10::Error&) {
        return false;
    }
}

void CheckpointReader::loadAveragedWeights(GoogLeNet& model) {
    loadWeightsFrom(kAveragedEntry, model);
}

void CheckpointReader::loadWeightsFrom(const char* entry, GoogLeNet& model) {
    torch::serialize::InputArchive weights;
    try {
        if (!archive_->try_read(entry, weights))
            throw InputError(path_, std::string(std::string_view(entry) == kAveragedEntry
                                                    ? "holds no moving average of the weights"
                                                    : "holds no model weights"));
        torch::NoGradGuard noGrad;
        auto copyNamed = [&](const auto& named, bool isBuffer) {
            for (const auto& item : named) {
                torch::Tensor stored;
                if (!readNested(weights, item.key(), stored, isBuffer))
                    throw InputError(path_, "tensor " + item.key() + " is missing");
                if (stored.sizes() != item.value().sizes())
                    throw InputError(
                        path_, "tensor " + item.key() + " has shape " + shapeText(stored.sizes()) +
                                   " but the model needs " + shapeText(item.value().sizes()));
                item.value().copy_(stored);
            }
        };
        copyNamed(model->named_parameters(), false);
        copyNamed(model->named_buffers(), true);
    } catch (const c10::Error& e) {
        throw InputError(path_, "model weights are damaged: " + firstLineOf(e));
    }
}

bool CheckpointReader::hasOptimizerState() {
    torch::serialize::InputArchive state;
    try {
        return archive_->try_read("optimizer", state);
    } catch (const c10::Error&) {
        return false;
    }
}

void CheckpointReader::loadOptimizer(torch::optim::Optimizer& optimizer) {
    torch::serialize::InputArchive state;
    try {
        if (!archive_->try_read("optimizer", state))
            throw InputError(path_, "holds no optimizer state (it cannot resume training)");
        optimizer.load(state);
    } catch (const c10::Error& e) {
        throw InputError(path_, "optimizer state does not fit: " + firstLineOf(e));
    }
}

CheckpointTensors CheckpointReader::tensors() {
    CheckpointTensors t;
    try {
        archive_->try_read("rng_state", t.rngState, true);
        archive_->try_read("epoch_order", t.epochOrder, true);
    } catch (const c10::Error& e) {
        throw InputError(path_, "is damaged: " + firstLineOf(e));
    }
    return t;
}

} // namespace inception
