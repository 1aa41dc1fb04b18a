#include "core/data/TestImages.hpp"

#include "core/data/Dataset.hpp"

#include <cstring>

namespace inception {

std::string dataSpecOf(const DatasetIdentity& identity) {
    if (identity.kind == "synthetic")
        return identity.path; // already "synthetic:N"
    return identity.kind + ":" + identity.path;
}

TestImages loadTestImages(const DatasetIdentity& identity) {
    const Dataset data =
        loadDataset(dataSpecOf(identity), {identity.height, identity.width, identity.channels});
    TestImages out;
    const torch::Tensor images = data.test.images.contiguous();
    out.count = static_cast<int>(data.test.size());
    out.height = static_cast<int>(images.size(1));
    out.width = static_cast<int>(images.size(2));
    out.channels = static_cast<int>(images.size(3));
    out.pixels.resize(static_cast<std::size_t>(images.numel()));
    std::memcpy(out.pixels.data(), images.data_ptr<std::uint8_t>(), out.pixels.size());
    const torch::Tensor labels = data.test.labels.to(torch::kInt16).contiguous();
    out.labels.assign(labels.data_ptr<std::int16_t>(), labels.data_ptr<std::int16_t>() + out.count);
    out.classNames = data.classNames;
    out.identity = data.identity;
    return out;
}

} // namespace inception
