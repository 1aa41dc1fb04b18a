#include "core/spec/ModelAnalysis.hpp"

#include "core/spec/Geometry.hpp"

#include <cstdio>

namespace inception {

std::string TensorShape::toString() const {
    return std::to_string(channels) + " x " + std::to_string(height) + " x " +
           std::to_string(width);
}

namespace {

class Analyzer {
public:
    Analyzer(ModelAnalysis& out, bool batchNorm) : out_(out), batchNorm_(batchNorm) {}

    // Conv, [batch norm], ReLU appended to the Sequential `sequence` from index `index`, as
    // GoogLeNet builds them; returns the output shape and moves `index` past the ReLU.
    TensorShape convBlock(const std::string& sequence, int& index, int unit, TensorShape in,
                          int outChannels, int kernel, int stride = 1) {
        const TensorShape shape =
            conv(sequence + std::to_string(index++), unit, in, outChannels, kernel, stride);
        if (batchNorm_) // weight and bias are trained; running statistics are buffers
            add({sequence + std::to_string(index++), "batch norm", unit, shape,
                 2 * std::int64_t{outChannels}, 0});
        ++index; // ReLU
        return shape;
    }

    // A same-padded convolution with bias from `in`; returns its output shape.
    TensorShape conv(const std::string& name, int unit, TensorShape in, int outChannels, int kernel,
                     int stride) {
        const int pad = kernel / 2;
        const TensorShape shape{outChannels, geometry::floorOutput(in.height, kernel, stride, pad),
                                geometry::floorOutput(in.width, kernel, stride, pad)};
        const std::int64_t weights = std::int64_t{in.channels} * kernel * kernel * outChannels;
        char what[64];
        if (stride == 1)
            std::snprintf(what, sizeof what, "conv %dx%d, %d -> %d", kernel, kernel, in.channels,
                          outChannels);
        else
            std::snprintf(what, sizeof what, "conv %dx%d/%d, %d -> %d", kernel, kernel, stride,
                          in.channels, outChannels);
        add({name, what, unit, shape, weights + outChannels, weights * shape.height * shape.width});
        return shape;
    }

    void add(LayerInfo layer) {
        out_.parameters += layer.parameters;
        out_.macs += layer.macs;
        if (layer.unit >= 0) {
            out_.units[layer.unit].parameters += layer.parameters;
            out_.units[layer.unit].macs += layer.macs;
        }
        out_.layers.push_back(std::move(layer));
    }

private:
    ModelAnalysis& out_;
    bool batchNorm_;
};

} // namespace

ModelAnalysis analyze(const ModelSpec& spec) {
    ModelAnalysis result;
    result.units.resize(spec.units.size());
    Analyzer a(result, spec.batchNorm);

    // conv1 = Sequential(conv, [BN], ReLU, [LRN], [MaxPool]): indices follow what is present.
    TensorShape shape{spec.input.channels, spec.input.height, spec.input.width};
    int index = 0;
    shape = a.convBlock("conv1.", index, -1, shape, spec.stem.outChannels, spec.stem.kernel,
                        spec.stem.stride);
    if (spec.stem.localResponseNorm)
        a.add({"conv1." + std::to_string(index++), "local response norm (5)", -1, shape, 0, 0});
    if (spec.stem.maxPool) {
        shape.height = geometry::ceilOutput(shape.height, 3, 2, 0);
        shape.width = geometry::ceilOutput(shape.width, 3, 2, 0);
        a.add({"conv1." + std::to_string(index), "max pool 3x3/2 (ceil)", -1, shape, 0, 0});
    }
    result.stemOutput = shape;

    for (std::size_t u = 0; u < spec.units.size(); ++u) {
        const InceptionSpec& unit = spec.units[u];
        const int i = static_cast<int>(u);
        const std::string prefix = "inception2." + std::to_string(u) + ".";
        result.units[u].inChannels = shape.channels;
        int one = 0, three = 0, five = 0, pool = 0;
        a.convBlock(prefix + "feature1_1.", one, i, shape, unit.out1x1, 1);
        const TensorShape r3 =
            a.convBlock(prefix + "feature3_3.", three, i, shape, unit.reduce3x3, 1);
        a.convBlock(prefix + "feature3_3.", three, i, r3, unit.out3x3, 3);
        const TensorShape r5 =
            a.convBlock(prefix + "feature5_5.", five, i, shape, unit.reduce5x5, 1);
        a.convBlock(prefix + "feature5_5.", five, i, r5, unit.out5x5, 5);
        a.add({prefix + "parallelPool." + std::to_string(pool++), "max pool 3x3/1 (ceil)", i, shape,
               0, 0});
        a.convBlock(prefix + "parallelPool.", pool, i, shape, unit.poolProj, 1);
        shape.channels = unit.outChannels();
        if (unit.poolAfter) {
            shape.height = geometry::floorOutput(shape.height, 3, 2, 1);
            shape.width = geometry::floorOutput(shape.width, 3, 2, 1);
            a.add({prefix + "pool", "max pool 3x3/2", i, shape, 0, 0});
        }
        result.units[u].output = shape;
    }

    const std::string pool = "average pool " + std::to_string(shape.height) + "x" +
                             std::to_string(shape.width) + " (global)";
    shape.height = shape.width = 1;
    a.add({"inception2." + std::to_string(spec.units.size()), pool, -1, shape, 0, 0});

    const std::int64_t weights = std::int64_t{shape.channels} * spec.head.classes;
    a.add({"classifier.2",
           "linear, " + std::to_string(shape.channels) + " -> " + std::to_string(spec.head.classes),
           -1, TensorShape{spec.head.classes, 1, 1}, weights + spec.head.classes, weights});
    return result;
}

} // namespace inception
