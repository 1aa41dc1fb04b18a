#include "core/model/GoogLeNet.hpp"

#include "core/spec/ModelAnalysis.hpp"

namespace inception {

namespace nn = torch::nn;

namespace {

nn::Conv2d sameConv(int in, int out, int kernel, int stride = 1) {
    return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2));
}

nn::ReLU relu() {
    return nn::ReLU(nn::ReLUOptions(true));
}

// Appends conv, [batch norm], ReLU: the notebook's names (`feature3_3.{0,2}`) hold when
// batch norm is off; with it the indices shift to `{0,3}` (see ModelAnalysis).
void appendConv(nn::Sequential& sequence, int in, int out, int kernel, bool batchNorm,
                int stride = 1) {
    sequence->push_back(sameConv(in, out, kernel, stride));
    if (batchNorm)
        sequence->push_back(nn::BatchNorm2d(out));
    sequence->push_back(relu());
}

} // namespace

BatchDropoutImpl::BatchDropoutImpl(double r) : rate(r) {}

void BatchDropoutImpl::setBatchPart(std::int64_t position, std::int64_t batchSize) {
    position_ = position;
    batchSize_ = batchSize;
}

torch::Tensor BatchDropoutImpl::forward(const torch::Tensor& input) {
    if (!is_training() || rate == 0.0 || input.numel() == 0)
        return input;
    if (rate >= 1.0)
        return input * torch::zeros({}, input.options());
    const std::int64_t rows = input.size(0);
    auto sizes = input.sizes().vec();
    sizes[0] = batchSize_ > 0 ? batchSize_ : rows;
    auto noise = torch::empty(sizes, input.options()); // at::dropout's draws, in its order
    noise.bernoulli_(1.0 - rate);
    noise.div_(1.0 - rate);
    return input * noise.narrow(0, position_, rows);
}

ChannelLrnImpl::ChannelLrnImpl(const nn::LocalResponseNormOptions& o) : options(o) {}

torch::Tensor ChannelLrnImpl::forward(const torch::Tensor& input) {
    const std::int64_t size = options.size();
    if (input.dim() != 4 || size % 2 == 0) // an even window pads unevenly: LibTorch's way
        return nn::functional::local_response_norm(
            input, nn::functional::LocalResponseNormFuncOptions(size)
                       .alpha(options.alpha())
                       .beta(options.beta())
                       .k(options.k()));
    // N x C x H x W -> N x H x W x C (a view when the input is channels-last), then the sum of
    // squares over each window of `size` channels, zero beyond the ends.
    const auto squares = input.permute({0, 2, 3, 1}).square();
    const std::int64_t half = size / 2, channels = squares.size(3);
    const auto padded = nn::functional::pad(squares, nn::functional::PadFuncOptions({half, half}));
    auto sum = padded.narrow(3, 0, channels);
    for (std::int64_t shift = 1; shift < size; ++shift)
        sum = sum + padded.narrow(3, shift, channels);
    const auto base = (sum * (options.alpha() / static_cast<double>(size))).add_(options.k());
    // PyTorch's default beta, 3/4, as sqrt(b * sqrt(b)): two square roots cost less than pow.
    const auto scale =
        options.beta() == 0.75 ? (base * base.sqrt()).sqrt() : base.pow(options.beta());
    return input / scale.permute({0, 3, 1, 2});
}

InceptionUnitImpl::InceptionUnitImpl(int in, const InceptionSpec& s, bool batchNorm)
    : poolAfter_(s.poolAfter) {
    nn::Sequential one, three, five;
    appendConv(one, in, s.out1x1, 1, batchNorm);
    appendConv(three, in, s.reduce3x3, 1, batchNorm);
    appendConv(three, s.reduce3x3, s.out3x3, 3, batchNorm);
    appendConv(five, in, s.reduce5x5, 1, batchNorm);
    appendConv(five, s.reduce5x5, s.out5x5, 5, batchNorm);
    nn::Sequential pool(
        nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(1).padding(1).ceil_mode(true)));
    appendConv(pool, in, s.poolProj, 1, batchNorm);
    feature1_1_ = register_module("feature1_1", one);
    feature3_3_ = register_module("feature3_3", three);
    feature5_5_ = register_module("feature5_5", five);
    parallelPool_ = register_module("parallelPool", pool);
}

torch::Tensor InceptionUnitImpl::forward(const torch::Tensor& input) {
    return combine(branches(input));
}

std::array<torch::Tensor, kBranches> InceptionUnitImpl::branches(const torch::Tensor& input) {
    return {feature1_1_->forward(input), feature3_3_->forward(input), feature5_5_->forward(input),
            parallelPool_->forward(input)};
}

torch::Tensor InceptionUnitImpl::combine(std::array<torch::Tensor, kBranches> outputs) const {
    if (overridden_ >= 0) {
        auto& branch = outputs[static_cast<std::size_t>(overridden_)];
        branch = overrideValue_.defined() ? overrideValue_.to(branch.options()).expand_as(branch)
                                          : torch::zeros_like(branch);
    }
    // N x in x H x W -> N x (1x1 + 3x3 + 5x5 + pool) x H x W
    auto out = torch::cat({outputs[0], outputs[1], outputs[2], outputs[3]}, 1);
    // A function, not a module: the pool has no weights, so state_dict names stay the same.
    return poolAfter_ ? nn::functional::max_pool2d(out, poolAfterOptions()) : out;
}

void InceptionUnitImpl::overrideBranch(int branch, torch::Tensor value) {
    TORCH_CHECK(branch >= -1 && branch < kBranches, "no branch ", branch, " in a unit");
    overridden_ = branch;
    overrideValue_ = branch < 0 ? torch::Tensor() : std::move(value);
}

nn::functional::MaxPool2dFuncOptions InceptionUnitImpl::poolAfterOptions() {
    return nn::functional::MaxPool2dFuncOptions(3).stride(2).padding(1);
}

GoogLeNetImpl::GoogLeNetImpl(const ModelSpec& spec) : spec_(spec) {
    requireValid(spec_, "");
    if (spec.input.normalizes()) {
        const auto channels = static_cast<std::int64_t>(spec.input.channels);
        inputMean_ = torch::tensor(spec.input.mean, torch::kFloat32).view({1, channels, 1, 1});
        inputStd_ = torch::tensor(spec.input.std, torch::kFloat32).view({1, channels, 1, 1});
    }
    conv1_ = nn::Sequential();
    appendConv(conv1_, spec.input.channels, spec.stem.outChannels, spec.stem.kernel, spec.batchNorm,
               spec.stem.stride);
    if (spec.stem.localResponseNorm)
        conv1_->push_back(ChannelLrn(nn::LocalResponseNormOptions(5)));
    if (spec.stem.maxPool) // seed: 16 -> 8, ceil mode as in the notebook
        conv1_->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).ceil_mode(true)));
    register_module("conv1", conv1_);

    inception2_ = nn::Sequential();
    for (std::size_t u = 0; u < spec.units.size(); ++u)
        inception2_->push_back(
            InceptionUnit(spec.unitInputChannels(u), spec.units[u], spec.batchNorm));
    // A pool over the whole last feature map (8x8 for the seed, as in the notebook).
    const TensorShape features = analyze(spec).units.back().output;
    inception2_->push_back(nn::AvgPool2d(
        nn::AvgPool2dOptions({features.height, features.width}).stride(1).ceil_mode(true)));
    register_module("inception2", inception2_);

    dropout_ = BatchDropout(spec.head.dropout);
    classifier_ = nn::Sequential(nn::Flatten(), dropout_,
                                 nn::Linear(spec.featureChannels(), spec.head.classes));
    register_module("classifier", classifier_);
    useChannelsLast();
}

void GoogLeNetImpl::setBatchPart(std::int64_t position, std::int64_t batchSize) {
    dropout_->setBatchPart(position, batchSize);
}

void GoogLeNetImpl::useChannelsLast() {
    // oneDNN's convolutions run fastest with NHWC on both sides; the images arrive NHWC
    // already (toModelInput permutes without copying). Measured in docs/performance.md.
    torch::NoGradGuard noGrad;
    for (auto& parameter : parameters())
        if (parameter.dim() == 4)
            parameter.set_data(parameter.contiguous(torch::MemoryFormat::ChannelsLast));
}

torch::Tensor GoogLeNetImpl::forward(const torch::Tensor& input) {
    auto x = stem(input);           // N x stem x H/4 x W/4 (seed: N x 64 x 8 x 8)
    x = inception2_->forward(x);    // N x features x 1 x 1 (seed: N x 256 x 1 x 1)
    return classifier_->forward(x); // N x classes
}

torch::Tensor GoogLeNetImpl::stem(const torch::Tensor& input) {
    const auto x = inputMean_.defined()
                       ? (input - inputMean_.to(input.device())) / inputStd_.to(input.device())
                       : input;
    return conv1_->forward(x);
}

InceptionUnit GoogLeNetImpl::unit(int index) const {
    return InceptionUnit(std::dynamic_pointer_cast<InceptionUnitImpl>(
        inception2_->ptr(static_cast<std::size_t>(index))));
}

torch::Tensor GoogLeNetImpl::pooledFeatures(const torch::Tensor& lastUnitOutput) {
    // The average pool is the Sequential's last module, after the units.
    return inception2_->ptr(inception2_->size() - 1)
        ->as<nn::AvgPool2d>()
        ->forward(lastUnitOutput)
        .flatten(1);
}

torch::Tensor GoogLeNetImpl::features(const torch::Tensor& input) {
    return inception2_->forward(stem(input)).flatten(1);
}

torch::Tensor GoogLeNetImpl::logits(const torch::Tensor& features) {
    return classifier_->forward(features);
}

void initializeWeights(GoogLeNet& model) {
    torch::NoGradGuard noGrad;
    for (auto& module : model->modules(/*include_self=*/false)) {
        if (auto* conv = module->as<nn::Conv2d>()) {
            // Drawn in NCHW order, as PyTorch draws them, then stored channels-last.
            auto weight = torch::empty(conv->weight.sizes());
            nn::init::kaiming_normal_(weight, 0.0, torch::kFanIn, torch::kReLU);
            conv->weight.copy_(weight);
            nn::init::normal_(conv->bias);
        } else if (auto* linear = module->as<nn::Linear>()) {
            nn::init::kaiming_normal_(linear->weight, 0.0, torch::kFanIn, torch::kReLU);
            nn::init::normal_(linear->bias);
        }
    }
}

void copyWeights(GoogLeNet& from, GoogLeNet& to) {
    torch::NoGradGuard noGrad;
    const auto source = from->parameters();
    const auto target = to->parameters();
    for (std::size_t i = 0; i < source.size(); ++i)
        target[i].copy_(source[i]);
    const auto sourceBuffers = from->buffers();
    const auto targetBuffers = to->buffers();
    for (std::size_t i = 0; i < sourceBuffers.size(); ++i)
        targetBuffers[i].copy_(sourceBuffers[i]);
}

} // namespace inception
