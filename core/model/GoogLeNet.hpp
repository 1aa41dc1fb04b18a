#pragma once

#include "core/spec/ModelSpec.hpp"

#include <torch/torch.h>

#include <array>

namespace inception {

// The notebook's InceptionUnit: four branches concatenated along channels.
// LocalResponseNorm across channels, as torch::nn::LocalResponseNorm computes it, written for
// channels-last tensors: the window sum over neighbouring channels is a few shifted adds along
// the innermost dimension instead of LibTorch's padded 3-D average pool (which took a fifth of
// the seed's forward pass, docs/performance.md). No parameters: state_dicts are unchanged.
class ChannelLrnImpl : public torch::nn::Module {
public:
    explicit ChannelLrnImpl(const torch::nn::LocalResponseNormOptions& options);
    torch::Tensor forward(const torch::Tensor& input);

    torch::nn::LocalResponseNormOptions options;
};
TORCH_MODULE(ChannelLrn);

// Dropout as torch's own (a Bernoulli mask over the input, scaled by 1 / (1 - p)), with the
// mask drawn for the whole batch of a data-parallel step and cut to this rank's rows: N ranks
// holding parts of a batch draw exactly what one process holding all of it draws, and every
// rank's generator stays in step. No parameters: state_dicts are unchanged.
class BatchDropoutImpl : public torch::nn::Module {
public:
    explicit BatchDropoutImpl(double rate);
    torch::Tensor forward(const torch::Tensor& input);
    // The input's rows are rows position.. of a batch of `batchSize`; 0: the input is the batch.
    void setBatchPart(std::int64_t position, std::int64_t batchSize);

    double rate;

private:
    std::int64_t position_ = 0;
    std::int64_t batchSize_ = 0;
};
TORCH_MODULE(BatchDropout);

// The four branches of a unit, in the order they are concatenated.
enum class Branch { OneByOne, ThreeByThree, FiveByFive, Pool };
constexpr int kBranches = 4;

class InceptionUnitImpl : public torch::nn::Module {
public:
    InceptionUnitImpl(int inChannels, const InceptionSpec& spec, bool batchNorm = false);
    torch::Tensor forward(const torch::Tensor& input);
    // Each branch's output, before the concatenation and any override.
    std::array<torch::Tensor, kBranches> branches(const torch::Tensor& input);
    // Concatenates branch outputs (applying the override) and pools when the spec asks.
    torch::Tensor combine(std::array<torch::Tensor, kBranches> outputs) const;
    // Replaces one branch's output, for ablation: `value` is broadcast over it (a 1 x C x 1 x 1
    // mean); an undefined tensor zeroes it. Branch -1 clears the override.
    void overrideBranch(int branch, torch::Tensor value = {});
    int overriddenBranch() const { return overridden_; }
    // The max pool 3x3/2 (padding 1) after the concatenation, when the spec asks for it.
    bool poolsAfter() const { return poolAfter_; }
    static torch::nn::functional::MaxPool2dFuncOptions poolAfterOptions();

private:
    bool poolAfter_ = false;
    int overridden_ = -1;
    torch::Tensor overrideValue_;
    torch::nn::Sequential feature1_1_{nullptr};
    torch::nn::Sequential feature3_3_{nullptr};
    torch::nn::Sequential feature5_5_{nullptr};
    torch::nn::Sequential parallelPool_{nullptr};
};
TORCH_MODULE(InceptionUnit);

// SmallGoogLeNet built from a spec. Submodule names follow the notebook's PyTorch module,
// so state_dict keys (`conv1.0.weight`, `inception2.3.feature5_5.2.bias`,
// `classifier.2.weight`) are interchangeable with it.
class GoogLeNetImpl : public torch::nn::Module {
public:
    explicit GoogLeNetImpl(const ModelSpec& spec);
    torch::Tensor forward(const torch::Tensor& input);
    // The forward pass in its parts: forward(x) == logits(features(x)), and features(x) ==
    // pooledFeatures(unit(n-1)(...unit(0)(stem(x)))).
    torch::Tensor stem(const torch::Tensor& input);
    int unitCount() const { return static_cast<int>(spec_.units.size()); }
    InceptionUnit unit(int index) const;
    // The last unit's map averaged over its positions: N x featureChannels, what the
    // classifier sees.
    torch::Tensor pooledFeatures(const torch::Tensor& lastUnitOutput);
    torch::Tensor features(const torch::Tensor& input);
    torch::Tensor logits(const torch::Tensor& features);
    const ModelSpec& spec() const { return spec_; }
    // Data-parallel training: the next inputs are rows position.. of a batch of `batchSize`.
    void setBatchPart(std::int64_t position, std::int64_t batchSize);

private:
    void useChannelsLast();

    ModelSpec spec_;
    // 1 x C x 1 x 1 when the spec normalises its input; not parameters, so the state_dict keeps
    // the notebook's names.
    torch::Tensor inputMean_;
    torch::Tensor inputStd_;
    torch::nn::Sequential conv1_{nullptr};
    torch::nn::Sequential inception2_{nullptr};
    torch::nn::Sequential classifier_{nullptr};
    BatchDropout dropout_{nullptr};
};
TORCH_MODULE(GoogLeNet);

// The notebook's initialisation: Kaiming-normal (fan in, ReLU gain) weights and N(0, 1)
// biases for every convolution and linear layer. Draws from torch's default generator.
void initializeWeights(GoogLeNet& model);

// Copies every parameter and buffer of `from` into `to`, a model of the same spec.
void copyWeights(GoogLeNet& from, GoogLeNet& to);

} // namespace inception
