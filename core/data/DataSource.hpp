#pragma once

#include <string>
#include <utility>

namespace inception {

// Where a dataset comes from, spelled as the CLI's --data and stored by the workbench:
// `cifar10:PATH` (a cifar-10-batches-bin folder, the folder above it, or the release
// tarball), `folder:PATH` (train/ and test/ with a folder per class), `idx:PATH` (MNIST-style
// files) or `synthetic[:N]` (N generated images per class). The one parser of that syntax.
enum class DataSourceKind { Cifar10, ImageFolder, Idx, Synthetic };

inline constexpr int kDefaultSyntheticPerClass = 100;

struct DataSource {
    DataSourceKind kind = DataSourceKind::Synthetic;
    std::string path;                               // all but synthetic
    int imagesPerClass = kDefaultSyntheticPerClass; // synthetic

    static DataSource at(DataSourceKind kind, std::string path) {
        DataSource source;
        source.kind = kind;
        source.path = std::move(path);
        return source;
    }
    static DataSource synthetic(int imagesPerClass = kDefaultSyntheticPerClass) {
        DataSource source;
        source.imagesPerClass = imagesPerClass;
        return source;
    }

    bool operator==(const DataSource&) const = default;
};

// Where Debian's dataset-fashion-mnist package puts its IDX files.
inline constexpr const char* kDebianFashionMnist = "/usr/share/datasets/fashion-mnist";

// Throws InputError at `--data` naming what is wrong with `text`.
DataSource parseDataSource(const std::string& text);
// The spelling parseDataSource reads back: "cifar10:/data/cifar-10-batches-bin", "synthetic:100".
std::string toString(const DataSource& source);
// The kind's prefix: "cifar10", "folder", "idx", "synthetic" (DatasetIdentity's kind).
std::string kindName(DataSourceKind kind);

// Why `text` cannot be used as a data source, one line starting with the path (or the text)
// it is about; empty when it looks usable. Quick: it only looks at names in the file system,
// so a form can ask as the user types; loading the data checks the contents.
std::string dataSourceProblem(const std::string& text);

} // namespace inception
