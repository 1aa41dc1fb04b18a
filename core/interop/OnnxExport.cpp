#include "core/interop/OnnxExport.hpp"

#include "core/base/AtomicFile.hpp"
#include "core/base/InputError.hpp"

#include <nlohmann/json.hpp>
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <stdexcept>

namespace inception {

namespace nn = torch::nn;

namespace {

constexpr int kOnnxIrVersion = 6; // the IR version that goes with opset 11

void addInts(onnx::NodeProto& node, const std::string& name, std::vector<std::int64_t> values) {
    auto* attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INTS);
    for (auto v : values)
        attribute->add_ints(v);
}

void addInt(onnx::NodeProto& node, const std::string& name, std::int64_t value) {
    auto* attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::INT);
    attribute->set_i(value);
}

void addFloat(onnx::NodeProto& node, const std::string& name, double value) {
    auto* attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto::FLOAT);
    attribute->set_f(static_cast<float>(value));
}

std::vector<std::int64_t> pair(const torch::ExpandingArray<2>& a) {
    return {(*a)[0], (*a)[1]};
}

std::vector<std::int64_t> pads(const torch::ExpandingArray<2>& a) {
    return {(*a)[0], (*a)[1], (*a)[0], (*a)[1]}; // begin h, w, end h, w
}

void setShape(onnx::ValueInfoProto& value, const std::string& name,
              const std::vector<std::int64_t>& dims) {
    value.set_name(name);
    auto* tensor = value.mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    auto* shape = tensor->mutable_shape();
    shape->add_dim()->set_dim_param("batch");
    for (auto d : dims)
        shape->add_dim()->set_dim_value(d);
}

// Emits the graph of a module tree, one node per layer, naming values after the modules.
class OnnxGraphWriter {
public:
    explicit OnnxGraphWriter(onnx::GraphProto& graph) : graph_(graph) {}

    // Returns the name of the value that holds `module`'s output.
    std::string emit(const std::string& name, nn::Module& module, const std::string& input);
    std::string emitConvolution(const std::string& name, nn::Conv2dImpl& conv,
                                const std::string& input);
    std::string emitMaxPool(const std::string& name, const nn::MaxPool2dOptions& options,
                            const std::string& input);

    // (input - mean) / std per channel, as GoogLeNet's forward does when the spec normalises.
    std::string emitNormalization(const InputSpec& spec, const std::string& input) {
        const auto channels = static_cast<std::int64_t>(spec.channels);
        const auto mean = torch::tensor(spec.mean, torch::kFloat32).view({1, channels, 1, 1});
        const auto std = torch::tensor(spec.std, torch::kFloat32).view({1, channels, 1, 1});
        node("Sub", "input_centred", {input, initializer("input_mean", mean)});
        node("Div", "input_normalized", {"input_centred", initializer("input_std", std)});
        return "input_normalized";
    }

private:
    onnx::NodeProto& node(const std::string& type, const std::string& name,
                          std::vector<std::string> inputs) {
        auto* n = graph_.add_node();
        n->set_op_type(type);
        n->set_name(name);
        for (auto& in : inputs)
            n->add_input(in);
        n->add_output(name);
        return *n;
    }

    std::string initializer(const std::string& name, const torch::Tensor& tensor) {
        const auto values = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        auto* proto = graph_.add_initializer();
        proto->set_name(name);
        proto->set_data_type(onnx::TensorProto::FLOAT);
        for (auto d : values.sizes())
            proto->add_dims(d);
        proto->set_raw_data(values.data_ptr(), values.numel() * sizeof(float));
        return name;
    }

    std::string emitChildren(const std::string& name, nn::Module& module, std::string input) {
        for (const auto& child : module.named_children())
            input = emit(name + "." + child.key(), *child.value(), input);
        return input;
    }

    onnx::GraphProto& graph_;
};

std::string OnnxGraphWriter::emitConvolution(const std::string& name, nn::Conv2dImpl& conv,
                                             const std::string& input) {
    const auto& o = conv.options;
    const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    if (!padding)
        throw std::logic_error("ONNX export: " + name + " uses symbolic padding");
    std::vector<std::string> inputs = {input, initializer(name + ".weight", conv.weight)};
    if (conv.bias.defined())
        inputs.push_back(initializer(name + ".bias", conv.bias));
    auto& n = node("Conv", name, inputs);
    addInts(n, "kernel_shape", pair(o.kernel_size()));
    addInts(n, "strides", pair(o.stride()));
    addInts(n, "pads", pads(*padding));
    addInts(n, "dilations", pair(o.dilation()));
    addInt(n, "group", o.groups());
    return name;
}

std::string OnnxGraphWriter::emitMaxPool(const std::string& name, const nn::MaxPool2dOptions& o,
                                         const std::string& input) {
    auto& n = node("MaxPool", name, {input});
    addInts(n, "kernel_shape", pair(o.kernel_size()));
    addInts(n, "strides", pair(o.stride()));
    addInts(n, "pads", pads(o.padding()));
    addInt(n, "ceil_mode", o.ceil_mode() ? 1 : 0);
    return name;
}

std::string OnnxGraphWriter::emit(const std::string& name, nn::Module& module,
                                  const std::string& input) {
    if (auto* conv = module.as<nn::Conv2d>())
        return emitConvolution(name, *conv, input);
    if (auto* bn = module.as<nn::BatchNorm2d>()) {
        auto& n = node("BatchNormalization", name,
                       {input, initializer(name + ".weight", bn->weight),
                        initializer(name + ".bias", bn->bias),
                        initializer(name + ".running_mean", bn->running_mean),
                        initializer(name + ".running_var", bn->running_var)});
        addFloat(n, "epsilon", bn->options.eps());
        return name;
    }
    if (module.as<nn::ReLU>()) {
        node("Relu", name, {input});
        return name;
    }
    if (auto* lrn = module.as<ChannelLrn>()) {
        // Same meaning as PyTorch's: alpha is divided by size in both.
        auto& n = node("LRN", name, {input});
        addInt(n, "size", lrn->options.size());
        addFloat(n, "alpha", lrn->options.alpha());
        addFloat(n, "beta", lrn->options.beta());
        addFloat(n, "bias", lrn->options.k());
        return name;
    }
    if (auto* pool = module.as<nn::MaxPool2d>())
        return emitMaxPool(name, pool->options, input);
    if (module.as<nn::AvgPool2d>()) {
        // GoogLeNet's average pool spans the whole last feature map (one output per channel).
        node("GlobalAveragePool", name, {input});
        return name;
    }
    if (module.as<nn::Flatten>()) {
        auto& n = node("Flatten", name, {input});
        addInt(n, "axis", 1);
        return name;
    }
    if (module.as<BatchDropout>())
        return input; // identity at inference
    if (auto* linear = module.as<nn::Linear>()) {
        auto& n = node("Gemm", name,
                       {input, initializer(name + ".weight", linear->weight),
                        initializer(name + ".bias", linear->bias)});
        addInt(n, "transB", 1);
        return name;
    }
    if (module.as<InceptionUnit>()) {
        std::vector<std::string> branches;
        for (const auto& branch : module.named_children())
            branches.push_back(emitChildren(name + "." + branch.key(), *branch.value(), input));
        auto& n = node("Concat", name, branches);
        addInt(n, "axis", 1);
        if (!module.as<InceptionUnit>()->poolsAfter())
            return name;
        return emitMaxPool(name + ".pool", InceptionUnitImpl::poolAfterOptions(), name);
    }
    if (module.as<nn::Sequential>() || module.as<GoogLeNet>())
        return emitChildren(name, module, input);
    throw std::logic_error("ONNX export: no ONNX form for module " + name + " (" + module.name() +
                           ")");
}

} // namespace

void writeOnnxModel(const std::string& path, GoogLeNet& model,
                    const std::vector<std::string>& classNames) {
    const ModelSpec& spec = model->spec();
    onnx::ModelProto proto;
    proto.set_ir_version(kOnnxIrVersion);
    proto.set_producer_name("inception-workbench");
    proto.set_producer_version(INCEPTION_VERSION);
    proto.set_model_version(1);
    proto.set_doc_string("SmallGoogLeNet '" + spec.name + "' exported by Inception Workbench");
    auto* opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxOpset);
    auto addMetadata = [&](const std::string& key, const std::string& value) {
        auto* entry = proto.add_metadata_props();
        entry->set_key(key);
        entry->set_value(value);
    };
    addMetadata("inception_workbench.spec", toJson(spec, -1));
    addMetadata("inception_workbench.class_names", nlohmann::json(classNames).dump());

    auto* graph = proto.mutable_graph();
    graph->set_name(spec.name);
    setShape(*graph->add_input(), "input",
             {spec.input.channels, spec.input.height, spec.input.width});
    OnnxGraphWriter writer(*graph);
    std::string output;
    {
        torch::NoGradGuard noGrad;
        output = spec.input.normalizes() ? writer.emitNormalization(spec.input, "input") : "input";
        for (const auto& child : model->named_children())
            output = writer.emit(child.key(), *child.value(), output);
    }
    // The last node's value is the graph's output: call it what it is.
    auto* last = graph->mutable_node(graph->node_size() - 1);
    if (last->output(0) != output)
        throw std::logic_error("ONNX export: the graph does not end in its last node");
    last->set_output(0, "logits");
    setShape(*graph->add_output(), "logits", {spec.head.classes});

    try {
        onnx::checker::check_model(proto);
    } catch (const std::exception& e) {
        throw InputError(path,
                         std::string("ONNX's checker refuses the exported model: ") + e.what());
    }
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        throw InputError(path, "the ONNX model cannot be serialised");
    writeFileAtomically(path, bytes);
}

} // namespace inception
