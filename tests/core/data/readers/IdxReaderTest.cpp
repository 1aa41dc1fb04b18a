#include "core/data/readers/IdxReader.hpp"

#include "core/base/InputError.hpp"
#include "core/data/Dataset.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;
using test::TemporaryFolder;

using test::contains;

// --- IDX ---------------------------------------------------------------------------------

std::string bigEndian(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

// An IDX file of unsigned bytes: the magic, the sizes, then `data`.
std::string idxFile(const std::vector<std::uint32_t>& sizes, const std::string& data) {
    std::string out{0, 0, 8, static_cast<char>(sizes.size())};
    for (auto size : sizes)
        out += bigEndian(size);
    return out + data;
}

void writeGzipped(const fs::path& path, const std::string& bytes) {
    gzFile file = gzopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
}

// Image n of an IDX set made here: every pixel is n * 3 + its column, so images are told apart.
std::string idxImages(int count, int side) {
    std::string data;
    for (int n = 0; n < count; ++n)
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x)
                data += static_cast<char>(n * 3 + x);
    return idxFile({static_cast<std::uint32_t>(count), static_cast<std::uint32_t>(side),
                    static_cast<std::uint32_t>(side)},
                   data);
}

std::string idxLabels(int count, int classes) {
    std::string data;
    for (int n = 0; n < count; ++n)
        data += static_cast<char>(n % classes);
    return idxFile({static_cast<std::uint32_t>(count)}, data);
}

// An MNIST-style folder: 20 training and 10 test images of 6x6, the training files gzipped.
fs::path writeIdxFolder(const fs::path& folder) {
    fs::create_directories(folder);
    writeGzipped(folder / "train-images-idx3-ubyte.gz", idxImages(20, 6));
    writeGzipped(folder / "train-labels-idx1-ubyte.gz", idxLabels(20, 10));
    test::writeFile(folder / "t10k-images-idx3-ubyte", idxImages(10, 6));
    test::writeFile(folder / "t10k-labels-idx1-ubyte", idxLabels(10, 10));
    return folder;
}

TEST(IdxReader, ReadsGzippedAndPlainFilesAsSingleChannelImages) {
    const TemporaryFolder tmp;
    const Dataset d = loadDataset("idx:" + writeIdxFolder(tmp / "mnist").string());
    EXPECT_EQ(d.train.size(), 20);
    EXPECT_EQ(d.test.size(), 10);
    EXPECT_EQ(d.height(), 6);
    EXPECT_EQ(d.width(), 6);
    EXPECT_EQ(d.channels(), 1);
    EXPECT_EQ(d.classNames.front(), "0");
    EXPECT_EQ(d.classNames.size(), 10U);
    EXPECT_EQ(d.train.labels[13].item<std::int64_t>(), 3);
    EXPECT_EQ(d.train.images[7][2][4][0].item<int>(), 7 * 3 + 4);
    EXPECT_EQ(d.test.images[9][0][5][0].item<int>(), 9 * 3 + 5);
    EXPECT_EQ(d.identity.kind, "idx");
    EXPECT_EQ(d.identity.channels, 1);
}

// Copies of MNIST that put a dot before the kind: train-images.idx3-ubyte.
TEST(IdxReader, ReadsFilesNamedWithADot) {
    const TemporaryFolder tmp;
    const fs::path folder = writeIdxFolder(tmp / "mnist");
    for (const char* name : {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
        std::string dotted = name;
        dotted[dotted.find("-idx")] = '.';
        fs::rename(folder / name, folder / dotted);
    }
    const Dataset d = loadDataset("idx:" + folder.string());
    EXPECT_EQ(d.test.size(), 10);
    EXPECT_EQ(d.test.images[9][0][5][0].item<int>(), 9 * 3 + 5);
}

TEST(IdxReader, NamesClassesFromClassesTxtOrAFashionFolder) {
    const TemporaryFolder tmp;
    const auto fashion = writeIdxFolder(tmp / "Fashion-MNIST");
    EXPECT_EQ(readIdx(fashion.string()).classNames, fashionMnistClassNames());
    const auto named = writeIdxFolder(tmp / "named");
    std::string names;
    for (int c = 0; c < 10; ++c)
        names += "class " + std::to_string(c) + "\n";
    test::writeFile(named / "classes.txt", names);
    EXPECT_EQ(readIdx(named.string()).classNames.at(4), "class 4");
}

TEST(IdxReader, BadFilesAreNamedWithWhatIsWrong) {
    const TemporaryFolder tmp;
    const auto folder = writeIdxFolder(tmp / "mnist");
    const std::string spec = "idx:" + folder.string();
    const auto images = folder / "t10k-images-idx3-ubyte";

    // A header that promises more images than the file holds.
    test::writeFile(images, idxImages(10, 6).substr(0, 4) + bigEndian(12) + bigEndian(6) +
                                bigEndian(6) + std::string(360, '\1'));
    auto error = errorOf([&] { loadDataset(spec); });
    EXPECT_TRUE(contains(error, images.string() + ": its header promises 432 bytes")) << error;

    test::writeFile(images, idxFile({10, 6}, std::string(60, '\0')));
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }), "has 2 dimensions, expected 3"));

    test::writeFile(images, "PK\3\4 a zip, not IDX");
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }), "is not an IDX file"));

    test::writeFile(images, idxImages(9, 6));
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }),
                         "t10k-labels-idx1-ubyte: holds 10 labels but t10k-images-idx3-ubyte "
                         "holds 9 images"));

    test::writeFile(images, idxImages(10, 6));
    test::writeFile(folder / "t10k-labels-idx1-ubyte", idxFile({10}, std::string(9, 1) + "\x0b"));
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }), "label 11 is outside the 10"));

    fs::remove(folder / "train-labels-idx1-ubyte.gz");
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }),
                         "has no train-labels-idx1-ubyte (nor train-labels-idx1-ubyte.gz)"));
    EXPECT_TRUE(contains(errorOf([&] { loadDataset("idx:" + (tmp / "none").string()); }),
                         "does not exist"));
}

TEST(IdxReader, ReadsDebiansFashionMnistWhenInstalled) {
    if (!fs::exists(kDebianFashionMnist))
        GTEST_SKIP() << kDebianFashionMnist << " is absent (apt install dataset-fashion-mnist)";
    const Dataset d = readIdx(kDebianFashionMnist);
    EXPECT_EQ(d.train.size(), 60000);
    EXPECT_EQ(d.test.size(), 10000);
    EXPECT_EQ(d.height(), 28);
    EXPECT_EQ(d.classNames.back(), "Ankle boot");
    EXPECT_EQ(d.train.labels.bincount().min().item<std::int64_t>(), 6000);
}

} // namespace
} // namespace inception
