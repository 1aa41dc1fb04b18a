#include "core/data/Dataset.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/Cifar10Reader.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;
using test::TemporaryFolder;

TEST(DatasetTest, ReadsTheOfficialBinaryLayoutFromAFolder) {
    TemporaryFolder tmp;
    const auto folder = test::writeCifarFolder(tmp.path(), 4);
    const Dataset d = readCifar10(folder.string());
    EXPECT_EQ(d.train.size(), 20);
    EXPECT_EQ(d.test.size(), 4);
    EXPECT_EQ(d.classNames.size(), 10u);
    EXPECT_EQ(d.classNames[9], "truck");
    EXPECT_EQ(d.train.images.sizes(), (std::vector<std::int64_t>{20, 32, 32, 3}));
    EXPECT_EQ(d.train.images.dtype(), torch::kUInt8);
    // Record 13: label 3; pixel (y, x, c) holds (13 * 7 + c * 50 + y + x) % 256.
    EXPECT_EQ(d.train.labels[13].item<std::int64_t>(), 3);
    for (int c = 0; c < 3; ++c)
        EXPECT_EQ(d.train.images[13][5][9][c].item<int>(), (13 * 7 + c * 50 + 5 + 9) % 256);
    EXPECT_EQ(d.test.labels[0].item<std::int64_t>(), 0); // record 20
    EXPECT_EQ(d.identity.kind, "cifar10");
    EXPECT_EQ(d.identity.hash.size(), 8u);
}

TEST(DatasetTest, FindsTheBatchesFolderInsideTheGivenOne) {
    TemporaryFolder tmp;
    test::writeCifarFolder(tmp.path(), 2);
    EXPECT_EQ(loadDataset("cifar10:" + tmp.path().string()).train.size(), 10);
}

TEST(DatasetTest, TarballGivesTheSameDataAsTheFolder) {
    TemporaryFolder tmp;
    const auto folder = test::writeCifarFolder(tmp.path(), 3);
    const auto tarball = tmp / "cifar-10-binary.tar.gz";
    test::writeCifarTarball(folder, tarball);
    const Dataset a = readCifar10(folder.string());
    const Dataset b = loadDataset("cifar10:" + tarball.string());
    EXPECT_EQ(a.identity.hash, b.identity.hash);
    EXPECT_TRUE(torch::equal(a.train.images, b.train.images));
    EXPECT_TRUE(torch::equal(a.test.labels, b.test.labels));
}

TEST(DatasetTest, OddSizedBatchIsNamed) {
    TemporaryFolder tmp;
    const auto folder = test::writeCifarFolder(tmp.path(), 2);
    std::string bytes = test::readFile(folder / "data_batch_3.bin");
    bytes.resize(bytes.size() - 100);
    test::writeFile(folder / "data_batch_3.bin", bytes);
    const auto error = errorOf([&] { readCifar10(folder.string()); });
    EXPECT_NE(error.find("data_batch_3.bin: size 6046 bytes is not a whole number of 3073-byte"),
              std::string::npos)
        << error;
}

TEST(DatasetTest, LabelOutsideTheClassesIsNamed) {
    TemporaryFolder tmp;
    const auto folder = test::writeCifarFolder(tmp.path(), 2);
    std::string bytes = test::readFile(folder / "test_batch.bin");
    bytes[3073] = 12; // record 1
    test::writeFile(folder / "test_batch.bin", bytes);
    const auto error = errorOf([&] { readCifar10(folder.string()); });
    EXPECT_NE(error.find("test_batch.bin: record 1 has label 12, outside the 10 classes"),
              std::string::npos)
        << error;
}

TEST(DatasetTest, MissingFileIsNamed) {
    TemporaryFolder tmp;
    const auto folder = test::writeCifarFolder(tmp.path(), 2);
    fs::remove(folder / "data_batch_5.bin");
    const auto error = errorOf([&] { readCifar10(folder.string()); });
    EXPECT_NE(error.find("data_batch_5.bin: missing"), std::string::npos) << error;
    EXPECT_NE(errorOf([&] { readCifar10((tmp / "nowhere").string()); }).find("no such file"),
              std::string::npos);
}

TEST(DatasetTest, CorruptOrTruncatedTarballIsNamed) {
    TemporaryFolder tmp;
    const auto folder = test::writeCifarFolder(tmp.path(), 3);
    const auto tarball = tmp / "c.tar.gz";
    test::writeCifarTarball(folder, tarball);
    std::string bytes = test::readFile(tarball);

    test::writeFile(tmp / "truncated.tar.gz", bytes.substr(0, bytes.size() / 2));
    auto error = errorOf([&] { loadDataset("cifar10:" + (tmp / "truncated.tar.gz").string()); });
    EXPECT_NE(error.find("truncated.tar.gz"), std::string::npos) << error;

    test::writeFile(tmp / "garbage.tar.gz", std::string(5000, 'x'));
    error = errorOf([&] { loadDataset("cifar10:" + (tmp / "garbage.tar.gz").string()); });
    EXPECT_NE(error.find("garbage.tar.gz"), std::string::npos) << error;
}

TEST(DatasetTest, AnArchiveLibarchiveCannotOpenWithoutAMessageIsNamed) {
    // Found by fuzz-cifar10-archive: a cut gzip stream that libarchive fails to open without
    // an error string (a null pointer, which was appended to the message: a crash).
    const fs::path tarball =
        test::sourceFolder() /
        "tests/fuzz/crashes/cifar10-archive/open-fails-without-a-message.tar.gz";
    const std::string expected =
        tarball.string() + ": cannot be opened as an archive: unreadable data";
    EXPECT_EQ(errorOf([&] { loadDataset("cifar10:" + tarball.string()); }), expected);
    const TemporaryFolder tmp;
    EXPECT_EQ(errorOf([&] { extractCifar10(tarball.string(), tmp.path().string()); }), expected);
    EXPECT_TRUE(fs::is_empty(tmp.path())) << "nothing staged is left behind";
}

// Nothing but `expected` in `folder`: no staging or previous copies left behind.
void expectOnly(const fs::path& folder, const std::vector<std::string>& expected) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, expected);
}

TEST(DatasetTest, ExtractsTheReleaseAndRefusesAnythingElse) {
    const TemporaryFolder tmp;
    const fs::path folder = test::writeCifarFolder(tmp / "source", 3);
    const fs::path good = tmp / "good.tar.gz";
    test::writeCifarTarball(folder, good);
    const fs::path data = tmp / "data";
    const std::string extracted = extractCifar10(good.string(), data.string());
    EXPECT_EQ(extracted, (data / "cifar-10-batches-bin").string());
    EXPECT_EQ(readCifar10(extracted).identity.hash, readCifar10(folder.string()).identity.hash);
    expectOnly(data, {"cifar-10-batches-bin"});

    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& file : fs::directory_iterator(folder))
        members.emplace_back("cifar-10-batches-bin/" + file.path().filename().string(),
                             test::readFile(file.path()));
    const fs::path evil = tmp / "evil.tar.gz";
    for (const std::string extra :
         {"cifar-10-batches-bin/run.sh", "../escape.bin", "other/test_batch.bin"}) {
        auto withExtra = members;
        withExtra.emplace_back(extra, "#!/bin/sh\n");
        test::writeTarGz(evil, withExtra);
        const auto error = errorOf([&] { extractCifar10(evil.string(), data.string()); });
        EXPECT_NE(error.find(evil.string() + ": unexpected member '" + extra + "'"),
                  std::string::npos)
            << error;
    }
    // A batch missing: refused, and the good copy already there stays.
    auto missing = members;
    std::erase_if(missing, [](const auto& m) { return m.first.ends_with("data_batch_3.bin"); });
    test::writeTarGz(evil, missing);
    EXPECT_NE(errorOf([&] { extractCifar10(evil.string(), data.string()); }).find("data_batch_3"),
              std::string::npos);
    // Cut short in the middle of a batch.
    const std::string bytes = test::readFile(good);
    test::writeFile(evil, bytes.substr(0, bytes.size() / 2));
    EXPECT_NE(errorOf([&] { extractCifar10(evil.string(), data.string()); }).find(evil.string()),
              std::string::npos);
    expectOnly(data, {"cifar-10-batches-bin"});
    EXPECT_NO_THROW(readCifar10(extracted));
}

TEST(DatasetTest, BadDataSpecsAreNamed) {
    EXPECT_NE(errorOf([] { loadDataset("mnist:/x"); }).find("--data: unknown data source"),
              std::string::npos);
    EXPECT_NE(errorOf([] { loadDataset("synthetic:ten"); }).find("whole number"),
              std::string::npos);
    EXPECT_NE(errorOf([] { loadDataset("synthetic:0"); }).find("between 1 and"), std::string::npos);
    EXPECT_NE(errorOf([] { loadDataset("cifar10:"); }).find("needs a path"), std::string::npos);
}

TEST(DatasetTest, SyntheticSetIsDeterministicAndBalanced) {
    const Dataset a = makeSyntheticDataset({.trainPerClass = 12});
    const Dataset b = loadDataset("synthetic:12");
    const Dataset c = makeSyntheticDataset({.trainPerClass = 12, .seed = 8});
    EXPECT_EQ(a.identity.hash, b.identity.hash);
    EXPECT_NE(a.identity.hash, c.identity.hash);
    EXPECT_EQ(a.train.size(), 120);
    EXPECT_EQ(a.test.size(), 100); // at least ten a class
    EXPECT_EQ(a.classes(), 10);
    const auto counts = torch::bincount(a.train.labels, {}, 10);
    EXPECT_TRUE(torch::equal(counts, torch::full({10}, 12, torch::kInt64)));
    EXPECT_GT(a.train.images.to(torch::kFloat).std().item<double>(), 10.0); // not blank
}

TEST(DatasetTest, ModelInputIsFloatChannelsFirstInUnitRange) {
    const Dataset d = makeSyntheticDataset({.trainPerClass = 2});
    const auto x = toModelInput(d.train.images);
    EXPECT_EQ(x.sizes(), (std::vector<std::int64_t>{20, 3, 32, 32}));
    EXPECT_LE(x.max().item<float>(), 1.0f);
    EXPECT_GE(x.min().item<float>(), 0.0f);
    EXPECT_FLOAT_EQ(x[4][1][7][9].item<float>(), d.train.images[4][7][9][1].item<float>() / 255.f);
}

TEST(DatasetTest, LimitsTakeTheFirstImages) {
    const Dataset d = makeSyntheticDataset({.trainPerClass = 5});
    EXPECT_EQ(d.train.first(7).size(), 7);
    EXPECT_EQ(d.train.first(0).size(), 50);
    EXPECT_EQ(d.train.first(500).size(), 50);
}

// The real CIFAR-10 from ../shared, converted by the shared tool; skipped when absent.
TEST(DatasetTest, RealCifar10) {
    const fs::path tool = test::sharedFolder() / "tools" / "cifar10-jpg-to-bin";
    if (!fs::exists(test::sharedFolder() / "data" / "cifar10-jpg.tar.gz") || !fs::exists(tool))
        GTEST_SKIP() << "no ../shared/data";
    if (std::system("/usr/bin/python3 -c 'import PIL, numpy' 2>/dev/null") != 0)
        GTEST_SKIP() << "python3-pil or python3-numpy missing";
    TemporaryFolder tmp;
    ASSERT_EQ(std::system((tool.string() + " " + tmp.path().string() + " >/dev/null").c_str()), 0);
    const Dataset d = loadDataset("cifar10:" + (tmp / "cifar-10-batches-bin").string());
    EXPECT_EQ(d.train.size(), 50000);
    EXPECT_EQ(d.test.size(), 10000);
    EXPECT_EQ(d.classNames.front(), "airplane");
    EXPECT_TRUE(torch::equal(torch::bincount(d.test.labels, {}, 10),
                             torch::full({10}, 1000, torch::kInt64)));
}

} // namespace
} // namespace inception
