#include "core/explain/FeatureSet.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"
#include "core/evaluation/Evaluator.hpp"

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace inception {

namespace fs = std::filesystem;

namespace {

static_assert(std::endian::native == std::endian::little, "feature files are little-endian");
constexpr char kMagic[8] = {'I', 'W', 'F', 'E', 'A', 'T', '0', '1'};

SplitFeatures splitFeatures(GoogLeNet& model, const DatasetSplit& split, int classes,
                            std::int64_t& done, std::int64_t total,
                            const ExplainProgress& progress) {
    SplitFeatures out;
    out.count = split.size();
    out.dims = model->spec().featureChannels();
    out.classes = classes;
    out.features.reserve(static_cast<std::size_t>(out.count * out.dims));
    out.probabilities.reserve(static_cast<std::size_t>(out.count * classes));
    const auto* labels = split.labels.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < out.count; ++i)
        out.labels.push_back(static_cast<std::int16_t>(labels[i]));
    for (std::int64_t start = 0; start < out.count; start += kEvaluationBatch) {
        const std::int64_t end = std::min(out.count, start + kEvaluationBatch);
        const auto features =
            model->features(toModelInput(split.images.slice(0, start, end))).to(torch::kFloat32);
        const auto probabilities = torch::softmax(model->logits(features), 1).contiguous();
        const auto f = features.contiguous();
        out.features.insert(out.features.end(), f.data_ptr<float>(),
                            f.data_ptr<float>() + f.numel());
        out.probabilities.insert(out.probabilities.end(), probabilities.data_ptr<float>(),
                                 probabilities.data_ptr<float>() + probabilities.numel());
        done += end - start;
        if (progress && !progress(done, total))
            throw ExplainCancelled();
    }
    return out;
}

template <typename T> void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

template <typename T> void putAll(std::string& out, const std::vector<T>& values) {
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

class Reader {
public:
    Reader(std::string path, std::string bytes)
        : path_(std::move(path)), bytes_(std::move(bytes)) {}

    template <typename T> T take() {
        T value;
        std::memcpy(&value, need(sizeof(T)), sizeof(T));
        return value;
    }
    template <typename T> std::vector<T> takeAll(std::uint64_t count) {
        if (count > (bytes_.size() - at_) / sizeof(T))
            fail();
        std::vector<T> values(static_cast<std::size_t>(count));
        std::memcpy(values.data(), need(values.size() * sizeof(T)), values.size() * sizeof(T));
        return values;
    }
    std::string takeText(std::size_t size) { return std::string(need(size), size); }
    bool atEnd() const { return at_ == bytes_.size(); }
    [[noreturn]] void fail() const {
        throw InputError(path_, "is truncated or not a feature file");
    }

private:
    const char* need(std::size_t size) {
        if (size > bytes_.size() - at_)
            fail();
        const char* at = bytes_.data() + at_;
        at_ += size;
        return at;
    }

    std::string path_;
    std::string bytes_;
    std::size_t at_ = 0;
};

void putSplit(std::string& out, const SplitFeatures& s) {
    put<std::uint64_t>(out, static_cast<std::uint64_t>(s.count));
    put<std::uint32_t>(out, static_cast<std::uint32_t>(s.dims));
    put<std::uint32_t>(out, static_cast<std::uint32_t>(s.classes));
    putAll(out, s.labels);
    putAll(out, s.features);
    putAll(out, s.probabilities);
}

SplitFeatures takeSplit(Reader& in) {
    SplitFeatures s;
    const auto count = in.take<std::uint64_t>();
    const auto dims = in.take<std::uint32_t>();
    const auto classes = in.take<std::uint32_t>();
    if (dims == 0 || dims > 1u << 16 || classes == 0 || classes > 1u << 15 || count > 1ull << 32)
        in.fail();
    s.count = static_cast<std::int64_t>(count);
    s.dims = static_cast<int>(dims);
    s.classes = static_cast<int>(classes);
    s.labels = in.takeAll<std::int16_t>(count);
    s.features = in.takeAll<float>(count * dims);
    s.probabilities = in.takeAll<float>(count * classes);
    for (const std::int16_t label : s.labels)
        if (label < 0 || label >= s.classes)
            in.fail();
    return s;
}

} // namespace

FeatureSet computeFeatureSet(GoogLeNet& model, const Dataset& data,
                             const ExplainProgress& progress) {
    torch::NoGradGuard noGrad;
    const bool wasTraining = model->is_training();
    model->eval();
    FeatureSet set;
    std::int64_t done = 0;
    const std::int64_t total = data.train.size() + data.test.size();
    try {
        set.train = splitFeatures(model, data.train, data.classes(), done, total, progress);
        set.test = splitFeatures(model, data.test, data.classes(), done, total, progress);
    } catch (...) {
        model->train(wasTraining);
        throw;
    }
    model->train(wasTraining);
    return set;
}

void writeFeatureSet(const std::string& path, const FeatureSet& set) {
    std::string bytes(kMagic, sizeof kMagic);
    put<std::uint32_t>(bytes, static_cast<std::uint32_t>(set.key.size()));
    bytes += set.key;
    putSplit(bytes, set.train);
    putSplit(bytes, set.test);
    writeFileAtomically(path, bytes);
}

FeatureSet readFeatureSet(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw InputError(path, "cannot be opened");
    Reader in(path, std::string(std::istreambuf_iterator<char>(file), {}));
    if (in.takeText(sizeof kMagic) != std::string(kMagic, sizeof kMagic))
        throw InputError(path, "is not a feature file");
    FeatureSet set;
    const auto keySize = in.take<std::uint32_t>();
    if (keySize > 4096)
        in.fail();
    set.key = in.takeText(keySize);
    set.train = takeSplit(in);
    set.test = takeSplit(in);
    if (!in.atEnd() || set.train.dims != set.test.dims || set.train.classes != set.test.classes)
        in.fail();
    return set;
}

std::string featureCachePath(const std::string& checkpoint) {
    const fs::path file(checkpoint);
    if (file.parent_path().filename() == "checkpoints")
        return (file.parent_path().parent_path() / "explain" / file.stem()).string() + ".features";
    return checkpoint + ".features";
}

std::string featureKey(const std::string& checkpoint, const std::string& dataHash) {
    std::error_code error;
    const auto size = fs::file_size(checkpoint, error);
    const auto time = fs::last_write_time(checkpoint, error).time_since_epoch().count();
    return std::to_string(size) + "|" + std::to_string(time) + "|" + dataHash;
}

} // namespace inception
