#include "core/data/DataSource.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

TEST(DataSourceTest, EveryKindReadsBackFromItsSpelling) {
    for (const DataSource& source :
         {DataSource::at(DataSourceKind::Cifar10, "/data/cifar-10-batches-bin"),
          DataSource::at(DataSourceKind::ImageFolder, "/data/pets"),
          DataSource::at(DataSourceKind::Idx, "/data/a:b"), DataSource::synthetic(7)})
        EXPECT_EQ(parseDataSource(toString(source)), source) << toString(source);
    EXPECT_EQ(parseDataSource("synthetic").imagesPerClass, kDefaultSyntheticPerClass);
    EXPECT_EQ(toString(parseDataSource("synthetic:20")), "synthetic:20");
}

TEST(DataSourceTest, BadSpellingsAreNamed) {
    EXPECT_EQ(test::errorOf([] { parseDataSource("mnist:/x"); }),
              "--data: unknown data source 'mnist:/x' (cifar10:PATH, folder:PATH, idx:PATH or "
              "synthetic[:N])");
    EXPECT_EQ(test::errorOf([] { parseDataSource("cifar10:"); }),
              "--data: cifar10 needs a path: cifar10:DIR or cifar10:FILE.tar.gz");
    EXPECT_EQ(test::errorOf([] { parseDataSource("idx"); }),
              "--data: idx needs a path: idx:FOLDER");
    EXPECT_EQ(test::errorOf([] { parseDataSource("synthetic:many"); }),
              "--data: synthetic:N needs a whole number, got 'many'");
    EXPECT_EQ(test::errorOf([] { parseDataSource("synthetic:0"); }),
              "--data: synthetic:N needs N between 1 and 10000, got 0");
}

TEST(DataSourceTest, QuickCheckNamesThePathAndWhatIsMissing) {
    TemporaryFolder tmp;
    EXPECT_EQ(dataSourceProblem("synthetic:5"), "");
    EXPECT_EQ(dataSourceProblem("nothing"),
              "nothing: unknown data source 'nothing' (cifar10:PATH, folder:PATH, idx:PATH or "
              "synthetic[:N])");
    const std::string missing = (tmp / "missing").string();
    EXPECT_EQ(dataSourceProblem("cifar10:" + missing), missing + ": does not exist");
    EXPECT_EQ(dataSourceProblem("folder:" + tmp.path().string()),
              tmp.path().string() + ": not an image folder (no train/ folder with one folder "
                                    "per class)");
    EXPECT_EQ(dataSourceProblem("cifar10:" + tmp.path().string()),
              tmp.path().string() + ": not a CIFAR-10 binary folder (no data_batch_1.bin)");
    EXPECT_EQ(dataSourceProblem("idx:" + tmp.path().string()),
              tmp.path().string() + ": not an IDX folder (no train-images-idx3-ubyte)");
}

TEST(DataSourceTest, QuickCheckAcceptsWhatTheReadersRead) {
    TemporaryFolder tmp;
    const fs::path cifar = test::writeCifarFolder(tmp.path(), 1);
    EXPECT_EQ(dataSourceProblem("cifar10:" + cifar.string()), "");
    EXPECT_EQ(dataSourceProblem("cifar10:" + tmp.path().string()), ""); // the folder above it
    fs::create_directories(tmp / "pets" / "train" / "cat");
    fs::create_directories(tmp / "pets" / "test" / "cat");
    EXPECT_EQ(dataSourceProblem("folder:" + (tmp / "pets").string()), "");
}

// Some copies of MNIST name their files with a dot (train-images.idx3-ubyte): the reader took
// them while the Data page refused the folder, when each had its own check.
TEST(DataSourceTest, IdxFilesNamedWithADotPassTheQuickCheck) {
    TemporaryFolder tmp;
    const fs::path idx = tmp / "mnist";
    fs::create_directories(idx);
    for (const char* name : {"train-images.idx3-ubyte", "train-labels.idx1-ubyte",
                             "t10k-images.idx3-ubyte.gz", "t10k-labels-idx1-ubyte"})
        test::writeFile(idx / name, "");
    EXPECT_EQ(dataSourceProblem("idx:" + idx.string()), "");
    fs::remove(idx / "t10k-labels-idx1-ubyte");
    EXPECT_EQ(dataSourceProblem("idx:" + idx.string()),
              idx.string() + ": not an IDX folder (no t10k-labels-idx1-ubyte)");
}

} // namespace
} // namespace inception
