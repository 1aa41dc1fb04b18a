// CIFAR-10's release as checked bytes: the same batches from the folder and from its tarball,
// and each fault named with the file (or tarball:member) it is in.
#include "core/data/readers/Cifar10Files.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

TEST(Cifar10FilesTest, TheFolderAndItsTarballGiveTheSameCheckedBatches) {
    const test::TemporaryFolder tmp;
    const fs::path folder = test::writeCifarFolder(tmp.path(), 2);
    const fs::path tarball = tmp / "cifar-10-binary.tar.gz";
    test::writeCifarTarball(folder, tarball);
    const Cifar10Release fromFolder = readCifar10Release(folder.string());
    const Cifar10Release fromTarball = readCifar10Release(tarball.string());
    EXPECT_EQ(fromFolder.classNames, cifar10ClassNames());
    ASSERT_EQ(fromFolder.train.size(), 5u);
    ASSERT_EQ(fromTarball.train.size(), 5u);
    for (std::size_t b = 0; b < 5; ++b) {
        EXPECT_EQ(fromFolder.train[b].records, 2);
        EXPECT_TRUE(fromFolder.train[b].bytes == fromTarball.train[b].bytes) << "batch " << b;
    }
    EXPECT_EQ(fromFolder.test.bytes.size(), 2u * kCifar10RecordBytes);
    EXPECT_EQ(fromFolder.test.where, (folder / "test_batch.bin").string());
    EXPECT_EQ(fromTarball.test.where, tarball.string() + "/test_batch.bin");
}

TEST(Cifar10FilesTest, AMissingBatchAndABadClassListAreNamed) {
    const test::TemporaryFolder tmp;
    const fs::path tarball = tmp / "test-only.tar.gz";
    test::writeTarGz(tarball, {{"cifar-10-batches-bin/test_batch.bin",
                                std::string(kCifar10RecordBytes - 1, '\0')}});
    EXPECT_EQ(errorOf([&] { readCifar10Release(tarball.string()); }),
              tarball.string() + "/data_batch_1.bin: missing from the CIFAR-10 data");
    const fs::path folder = tmp / "classes";
    test::writeCifarFolder(folder, 1);
    test::writeFile(folder / "cifar-10-batches-bin" / "batches.meta.txt", "only-one\n");
    EXPECT_EQ(errorOf([&] { readCifar10Release(folder.string()); }),
              (folder / "cifar-10-batches-bin" / "batches.meta.txt").string() +
                  ": expected one class name a line (2 to 255), found 1");
}

} // namespace
} // namespace inception
