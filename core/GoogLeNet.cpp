#include "core/GoogLeNet.hpp"

#include "core/ModelAnalysis.hpp"

namespace inception {

namespace nn = torch::nn;

namespace {

nn::Conv2d sameConv(int in, int out, int kernel, int stride = 1) {
    return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2));
}

nn::ReLU relu() {
    return nn::ReLU(nn::ReLUOptions(true));
}

} // namespace

InceptionUnitImpl::InceptionUnitImpl(int in, const InceptionSpec& s) {
    feature1_1_ = register_module("feature1_1", nn::Sequential(sameConv(in, s.out1x1, 1), relu()));
    feature3_3_ =
        register_module("feature3_3", nn::Sequential(sameConv(in, s.reduce3x3, 1), relu(),
                                                     sameConv(s.reduce3x3, s.out3x3, 3), relu()));
    feature5_5_ =
        register_module("feature5_5", nn::Sequential(sameConv(in, s.reduce5x5, 1), relu(),
                                                     sameConv(s.reduce5x5, s.out5x5, 5), relu()));
    parallelPool_ = register_module(
        "parallelPool",
        nn::Sequential(nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(1).padding(1).ceil_mode(true)),
                       sameConv(in, s.poolProj, 1), relu()));
}

torch::Tensor InceptionUnitImpl::forward(const torch::Tensor& input) {
    // N x in x H x W -> N x (1x1 + 3x3 + 5x5 + pool) x H x W
    return torch::cat({feature1_1_->forward(input), feature3_3_->forward(input),
                       feature5_5_->forward(input), parallelPool_->forward(input)},
                      1);
}

GoogLeNetImpl::GoogLeNetImpl(const ModelSpec& spec) : spec_(spec) {
    requireValid(spec_, "");
    conv1_ = nn::Sequential(
        sameConv(spec.input.channels, spec.stem.outChannels, spec.stem.kernel, spec.stem.stride),
        relu());
    if (spec.stem.localResponseNorm)
        conv1_->push_back(nn::LocalResponseNorm(nn::LocalResponseNormOptions(5)));
    if (spec.stem.maxPool) // seed: 16 -> 8, ceil mode as in the notebook
        conv1_->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).ceil_mode(true)));
    register_module("conv1", conv1_);

    inception2_ = nn::Sequential();
    for (std::size_t u = 0; u < spec.units.size(); ++u)
        inception2_->push_back(InceptionUnit(spec.unitInputChannels(u), spec.units[u]));
    // A pool over the whole last feature map (8x8 for the seed, as in the notebook).
    const TensorShape features = analyze(spec).stemOutput;
    inception2_->push_back(nn::AvgPool2d(
        nn::AvgPool2dOptions({features.height, features.width}).stride(1).ceil_mode(true)));
    register_module("inception2", inception2_);

    classifier_ = nn::Sequential(nn::Flatten(), nn::Dropout(nn::DropoutOptions(spec.head.dropout)),
                                 nn::Linear(spec.featureChannels(), spec.head.classes));
    register_module("classifier", classifier_);
}

torch::Tensor GoogLeNetImpl::forward(const torch::Tensor& input) {
    auto x = conv1_->forward(input); // N x stem x H/4 x W/4 (seed: N x 64 x 8 x 8)
    x = inception2_->forward(x);     // N x features x 1 x 1 (seed: N x 256 x 1 x 1)
    return classifier_->forward(x);  // N x classes
}

void initializeWeights(GoogLeNet& model) {
    torch::NoGradGuard noGrad;
    for (auto& module : model->modules(/*include_self=*/false)) {
        if (auto* conv = module->as<nn::Conv2d>()) {
            nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanIn, torch::kReLU);
            nn::init::normal_(conv->bias);
        } else if (auto* linear = module->as<nn::Linear>()) {
            nn::init::kaiming_normal_(linear->weight, 0.0, torch::kFanIn, torch::kReLU);
            nn::init::normal_(linear->bias);
        }
    }
}

} // namespace inception
