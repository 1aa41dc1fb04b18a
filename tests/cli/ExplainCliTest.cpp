// explain, ablate, suspects and predict through the real executable.
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>

namespace inception {
namespace {

namespace fs = std::filesystem;

class ExplainCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        cli_ = std::make_unique<test::Cli>();
        const auto trained = cli_->run({"train", "--data", "synthetic:20", "--model", "tiny",
                                        "--epochs", "2", "--threads", "2", "--out",
                                        (cli_->folder() / "runs").string(), "--name", "t"});
        ASSERT_EQ(trained.exitCode, 0) << trained.err;
        for (const auto& run : fs::directory_iterator(cli_->folder() / "runs"))
            checkpoint_ = (run.path() / "checkpoints" / "best.ckpt").string();
    }
    static void TearDownTestSuite() { cli_.reset(); }

    static test::CliOutcome run(std::vector<std::string> args, bool withData = true) {
        args.insert(args.begin() + 1, {"--checkpoint", checkpoint_, "--threads", "2"});
        if (withData)
            args.insert(args.begin() + 1, {"--data", "synthetic:20"});
        return cli_->run(args);
    }

    static std::unique_ptr<test::Cli> cli_;
    static std::string checkpoint_;
};

std::unique_ptr<test::Cli> ExplainCli::cli_;
std::string ExplainCli::checkpoint_;

TEST_F(ExplainCli, ExplainWritesAPngPerImageAndTheMapsAsJson) {
    const fs::path out = cli_->folder() / "explained";
    const auto o = run(
        {"explain", "--images", "0,13", "--class", "true", "--unit", "0", "--out", out.string()});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const cv::Mat png = cv::imread((out / "image-00013.png").string());
    ASSERT_FALSE(png.empty());
    EXPECT_EQ(png.cols, 3 * 32 * 8 + 2 * 8) << "image, map and blend, 8x, side by side";
    EXPECT_EQ(png.rows, 32 * 8);
    const auto json = nlohmann::json::parse(test::readFile(out / "gradcam.json"));
    ASSERT_EQ(json["images"].size(), 2u);
    const auto& second = json["images"][1];
    EXPECT_EQ(second["index"], 13);
    EXPECT_EQ(second["explained"], second["true"]);
    EXPECT_EQ(second["map"]["height"], 8) << "tiny's first unit works at 8 x 8";
    EXPECT_EQ(second["map"]["values"].size(), 8u);
    EXPECT_EQ(second["probabilities"].size(), 10u);
    EXPECT_TRUE(test::contains(o.out, "test image 13: true"));
}

TEST_F(ExplainCli, BadImagesClassesAndModesAreOneLineErrors) {
    const std::string out = (cli_->folder() / "bad").string();
    auto o = run({"explain", "--images", "5000", "--out", out});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_EQ(o.err, "error: --images: no image 5000 (the split has 100, numbered from 0)\n");
    o = run({"explain", "--images", "1,x", "--out", out});
    EXPECT_EQ(o.err, "error: --images: 'x' is not a test image number (from 0)\n");
    o = run({"explain", "--images", "1", "--class", "zebra", "--out", out});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(test::contains(o.err, "error: --class: 'zebra' is not predicted, true or a class"));
    o = run({"ablate", "--mode", "half"});
    EXPECT_EQ(o.err, "error: --mode: must be zero or mean, not 'half'\n");
    o = run({"suspects", "--split", "train"});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(test::contains(o.err, "error: --split: the training split needs out-of-sample"));
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1);
}

TEST_F(ExplainCli, AblateReportsEveryBranch) {
    const auto o = run({"ablate", "--json", "--mode", "zero"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const auto json = nlohmann::json::parse(o.out);
    EXPECT_EQ(json["mode"], "zero");
    EXPECT_EQ(json["images"], 100);
    ASSERT_EQ(json["branches"].size(), 8u);
    EXPECT_EQ(json["branches"][6]["field"], "units[1].out5x5");
    const auto text = run({"ablate"});
    EXPECT_TRUE(test::contains(text.out, "replaced by its mean"));
    EXPECT_TRUE(test::contains(text.out, "pool"));
}

TEST_F(ExplainCli, SuspectsListsTheThresholdsAndCachesTheFeatures) {
    const auto o = run({"suspects", "--json", "--top", "3"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const auto json = nlohmann::json::parse(o.out);
    EXPECT_EQ(json["thresholds"].size(), 10u);
    EXPECT_LE(json["suspects"].size(), 3u);
    EXPECT_TRUE(fs::exists(fs::path(checkpoint_).parent_path().parent_path() / "explain" /
                           "best.features"));
}

TEST_F(ExplainCli, PredictNamesUnreadableFilesAndGoesOn) {
    const fs::path image = cli_->folder() / "explained" / "image-00000.png";
    ASSERT_TRUE(fs::exists(image)) << "made by the explain test";
    const fs::path notImage = cli_->folder() / "notes.png";
    test::writeFile(notImage, "text");
    const auto o = run({"predict", image.string(), notImage.string()}, false);
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(test::contains(o.out, image.string() + ":"));
    EXPECT_EQ(std::count(o.out.begin(), o.out.end(), '%'), 5) << o.out;
    EXPECT_EQ(o.err, "error: " + notImage.string() +
                         ": cannot be decoded as an image: not a PNG, JPEG or BMP image\n");
    const auto json = run({"predict", "--json", image.string()}, false);
    ASSERT_EQ(json.exitCode, 0);
    EXPECT_EQ(nlohmann::json::parse(json.out)[0]["top"].size(), 5u);
}

} // namespace
} // namespace inception
