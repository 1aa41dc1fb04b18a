#include "core/data/DataSource.hpp"

#include "core/base/EnumNames.hpp"
#include "core/base/InputError.hpp"
#include "core/data/readers/Cifar10Reader.hpp"
#include "core/data/readers/IdxReader.hpp"
#include "core/data/readers/ImageFolderReader.hpp"

#include <filesystem>

namespace inception {

namespace {

constexpr EnumNames<DataSourceKind, 4> kKindNames{"data source",
                                                  {{{DataSourceKind::Cifar10, "cifar10"},
                                                    {DataSourceKind::ImageFolder, "folder"},
                                                    {DataSourceKind::Idx, "idx"},
                                                    {DataSourceKind::Synthetic, "synthetic"}}}};

constexpr const char* kSyntax = "cifar10:PATH, folder:PATH, idx:PATH or synthetic[:N]";
constexpr int kMaxSyntheticPerClass = 10000;

int parseImagesPerClass(const std::string& count) {
    int perClass = 0;
    try {
        std::size_t used = 0;
        perClass = std::stoi(count, &used);
        if (used != count.size())
            throw std::invalid_argument(count);
    } catch (const std::exception&) {
        throw InputError("--data", "synthetic:N needs a whole number, got '" + count + "'");
    }
    if (perClass < 1 || perClass > kMaxSyntheticPerClass)
        throw InputError("--data", "synthetic:N needs N between 1 and " +
                                       std::to_string(kMaxSyntheticPerClass) + ", got " +
                                       std::to_string(perClass));
    return perClass;
}

} // namespace

std::string kindName(DataSourceKind kind) {
    return kKindNames.nameOf(kind);
}

DataSource parseDataSource(const std::string& text) {
    const auto colon = text.find(':');
    const std::string prefix = text.substr(0, colon);
    const std::string rest = colon == std::string::npos ? "" : text.substr(colon + 1);
    const auto kind = kKindNames.find(prefix);
    if (!kind)
        throw InputError("--data", "unknown data source '" + text + "' (" + kSyntax + ")");
    if (*kind == DataSourceKind::Synthetic)
        return DataSource::synthetic(rest.empty() ? kDefaultSyntheticPerClass
                                                  : parseImagesPerClass(rest));
    if (rest.empty())
        throw InputError("--data", *kind == DataSourceKind::Cifar10
                                       ? "cifar10 needs a path: cifar10:DIR or cifar10:FILE.tar.gz"
                                       : prefix + " needs a path: " + prefix + ":FOLDER");
    return DataSource::at(*kind, rest);
}

std::string toString(const DataSource& source) {
    const std::string prefix = kindName(source.kind) + ":";
    return prefix + (source.kind == DataSourceKind::Synthetic
                         ? std::to_string(source.imagesPerClass)
                         : source.path);
}

std::string dataSourceProblem(const std::string& text) {
    DataSource source;
    try {
        source = parseDataSource(text);
    } catch (const InputError& e) {
        return text + ": " + e.what();
    }
    if (source.kind == DataSourceKind::Synthetic)
        return {};
    std::error_code error;
    if (!std::filesystem::exists(source.path, error))
        return source.path + ": does not exist";
    switch (source.kind) {
    case DataSourceKind::Cifar10:
        return cifar10Problem(source.path);
    case DataSourceKind::ImageFolder:
        return imageFolderProblem(source.path);
    case DataSourceKind::Idx:
        return idxFolderProblem(source.path);
    case DataSourceKind::Synthetic:
        break;
    }
    return {};
}

} // namespace inception
