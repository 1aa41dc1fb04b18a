#include "core/data/readers/ImageFolderReader.hpp"

#include "core/base/InputError.hpp"
#include "core/data/Dataset.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include <cstdlib>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::errorOf;
using test::TemporaryFolder;

using test::contains;

// --- image folders -------------------------------------------------------------------------

class ImageFolderTest : public testing::Test {
protected:
    void SetUp() override { setenv("INCEPTION_CACHE_DIR", (tmp_ / "cache").c_str(), 1); }
    void TearDown() override { unsetenv("INCEPTION_CACHE_DIR"); }

    // A flat image of `value` in each channel; written in the format the extension names.
    static void writeImage(const fs::path& path, int value, int side = 8) {
        fs::create_directories(path.parent_path());
        const cv::Mat image(side, side, CV_8UC3, cv::Scalar(value, value / 2, 255 - value));
        ASSERT_TRUE(cv::imwrite(path.string(), image)) << path;
    }

    // cat and dog, 3 training and 2 test images each, in PNG, BMP and JPEG.
    fs::path writeFolder() {
        const fs::path root = tmp_ / "pets";
        for (const char* split : {"train", "test"})
            for (const char* label : {"cat", "dog"}) {
                const int base = std::string(label) == "cat" ? 40 : 200;
                const int count = std::string(split) == "train" ? 3 : 2;
                const char* formats[] = {"png", "bmp", "jpg"};
                for (int i = 0; i < count; ++i)
                    writeImage(root / split / label /
                                   ("img" + std::to_string(i) + "." + formats[i % 3]),
                               base + i);
            }
        return root;
    }

    TemporaryFolder tmp_;
};

TEST_F(ImageFolderTest, DecodesEveryFormatAsRgbWithLabelsByClassFolder) {
    const fs::path root = writeFolder();
    const Dataset d = loadDataset("folder:" + root.string());
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"cat", "dog"}));
    EXPECT_EQ(d.train.size(), 6);
    EXPECT_EQ(d.test.size(), 4);
    EXPECT_EQ(d.height(), 8);
    EXPECT_EQ(d.channels(), 3);
    EXPECT_TRUE(torch::equal(d.train.labels, torch::tensor({0, 0, 0, 1, 1, 1}, torch::kInt64)));
    // img0.png of cat: BGR (40, 20, 215) on disk, RGB in the data set.
    const auto pixel = d.train.images[0][3][3];
    EXPECT_EQ(pixel[0].item<int>(), 215);
    EXPECT_EQ(pixel[1].item<int>(), 20);
    EXPECT_EQ(pixel[2].item<int>(), 40);
    EXPECT_TRUE(d.notes.empty());
    EXPECT_EQ(d.identity.kind, "folder");
}

TEST_F(ImageFolderTest, ResizesToTheModelsInputAndMixedSizesToTheFirst) {
    const fs::path root = writeFolder();
    writeImage(root / "train" / "dog" / "big.png", 90, 20);
    const Dataset grey = loadDataset("folder:" + root.string(), {16, 12, 1});
    EXPECT_EQ(grey.height(), 16);
    EXPECT_EQ(grey.width(), 12);
    EXPECT_EQ(grey.channels(), 1);
    EXPECT_EQ(grey.identity.height, 16);

    const Dataset natural = loadDataset("folder:" + root.string());
    EXPECT_EQ(natural.height(), 8);
    ASSERT_EQ(natural.notes.size(), 1U);
    EXPECT_TRUE(contains(natural.notes[0], "1 images resized to 8x8")) << natural.notes[0];
}

TEST_F(ImageFolderTest, UnreadableAndNonImageFilesAreListedNotFatal) {
    const fs::path root = writeFolder();
    test::writeFile(root / "train" / "cat" / "notes.txt", "not an image");
    test::writeFile(root / "test" / "dog" / "broken.png", "\x89PNG but cut short");
    const Dataset d = loadDataset("folder:" + root.string());
    EXPECT_EQ(d.train.size(), 6);
    EXPECT_EQ(d.test.size(), 4);
    ASSERT_EQ(d.notes.size(), 2U);
    EXPECT_TRUE(contains(d.notes[0], "notes.txt: skipped, not a PNG, JPEG or BMP file"));
    EXPECT_TRUE(contains(d.notes[1], "broken.png: skipped, not a readable image"));
}

TEST_F(ImageFolderTest, BadLayoutsAreNamed) {
    const fs::path root = writeFolder();
    const std::string spec = "folder:" + root.string();
    fs::create_directories(root / "train" / "bird");
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }),
                         (root / "test").string() + ": has no folder for class 'bird'"));
    fs::create_directories(root / "test" / "bird");
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }),
                         (root / "train" / "bird").string() + ": holds no images"));
    fs::remove_all(root / "train");
    EXPECT_TRUE(contains(errorOf([&] { loadDataset(spec); }), "needs train/ and test/ folders"));
    EXPECT_TRUE(contains(errorOf([&] { loadDataset("folder:" + (tmp_ / "none").string()); }),
                         "does not exist"));
}

TEST_F(ImageFolderTest, TheSecondLoadReadsTheCacheUntilAFileChanges) {
    const fs::path root = writeFolder();
    const fs::path image = root / "train" / "cat" / "img1.bmp";
    const Dataset first = loadDataset("folder:" + root.string());
    ASSERT_EQ(fs::directory_iterator(tmp_ / "cache" / "image-folders")->path().extension(), ".bin");

    // Same size, same modification time, other pixels: the cache cannot tell, so it is used.
    const auto written = fs::last_write_time(image);
    writeImage(image, 7);
    fs::last_write_time(image, written);
    const Dataset cached = loadDataset("folder:" + root.string());
    EXPECT_TRUE(torch::equal(cached.train.images, first.train.images));
    EXPECT_EQ(cached.identity.hash, first.identity.hash);

    // A new modification time: decoded again.
    fs::last_write_time(image, written + std::chrono::seconds(5));
    const Dataset fresh = loadDataset("folder:" + root.string());
    EXPECT_EQ(fresh.train.images[1][0][0][2].item<int>(), 7);
    EXPECT_NE(fresh.identity.hash, first.identity.hash);
}

TEST_F(ImageFolderTest, ACorruptCacheIsDecodedAgain) {
    const fs::path root = writeFolder();
    const Dataset first = loadDataset("folder:" + root.string());
    const fs::path cache = fs::directory_iterator(tmp_ / "cache" / "image-folders")->path();
    fs::resize_file(cache, fs::file_size(cache) / 2);
    EXPECT_EQ(loadDataset("folder:" + root.string()).identity.hash, first.identity.hash);
}

TEST_F(ImageFolderTest, ReadsTheRealCifar10JpegsWhenPresent) {
    const fs::path tarball = test::sharedFolder() / "data" / "cifar10-jpg.tar.gz";
    if (!fs::exists(tarball))
        GTEST_SKIP() << tarball << " is absent";
    const fs::path root = tmp_ / "cifar10-jpg";
    fs::create_directories(root);
    // A tenth of it: every class, files 0000-0099 of train and 0000-0019 of test.
    const std::string command = "tar -xzf '" + tarball.string() + "' -C '" + root.string() +
                                "' --wildcards 'train/*/00[0-9][0-9].jpg' 'test/*/000[0-9].jpg' "
                                "'test/*/001[0-9].jpg'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const Dataset d = loadDataset("folder:" + root.string(), {32, 32, 3});
    EXPECT_EQ(d.classNames.front(), "airplane");
    EXPECT_EQ(d.classNames.size(), 10U);
    EXPECT_EQ(d.train.size(), 1000);
    EXPECT_EQ(d.test.size(), 200);
    EXPECT_TRUE(d.notes.empty());
    EXPECT_GT(d.train.images.to(torch::kFloat32).std().item<double>(), 30.0); // real pictures
}

} // namespace
} // namespace inception
