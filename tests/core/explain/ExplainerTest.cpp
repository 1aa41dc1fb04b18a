#include "core/explain/Explainer.hpp"

#include "core/base/InputError.hpp"
#include "core/base/TextFormat.hpp"
#include "core/explain/FeatureSet.hpp"
#include "core/explain/HeatMapImage.hpp"
#include "tests/support/QuarterShapes.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace inception {
namespace {

namespace fs = std::filesystem;

// An image folder of quarter shapes in which every 20th test image (5%) sits in the folder
// of the next class: its given label is wrong on purpose. Returns those images' positions in
// the test split (classes in name order, files in name order within each).
struct FlippedFolder {
    fs::path root;
    std::set<std::int64_t> flipped;
};

FlippedFolder writeFlippedFolder(const fs::path& root, int trainPerClass, int testPerClass) {
    const std::vector<std::string> names = {"a-square", "b-horizontal", "c-vertical", "d-cross"};
    std::mt19937 rng(21);
    FlippedFolder out{root, {}};
    for (const char* split : {"train", "test"}) {
        const int perClass = std::string(split) == "train" ? trainPerClass : testPerClass;
        std::vector<std::vector<std::string>> filesOf(names.size());
        std::vector<std::vector<bool>> flippedOf(names.size());
        for (int i = 0; i < perClass * test::kQuarterClasses; ++i) {
            const int shape = i % test::kQuarterClasses;
            const bool flip = std::string(split) == "test" && i % 20 == 7;
            const int given = flip ? (shape + 1) % test::kQuarterClasses : shape;
            const std::string file = formatText("%05d.png", i);
            fs::create_directories(root / split / names[static_cast<std::size_t>(given)]);
            writePng((root / split / names[static_cast<std::size_t>(given)] / file).string(),
                     {32, 32, 3, test::quarterShapeImage(shape, rng)});
            filesOf[static_cast<std::size_t>(given)].push_back(file);
            flippedOf[static_cast<std::size_t>(given)].push_back(flip);
        }
        if (std::string(split) == "train")
            continue;
        std::int64_t position = 0;
        for (std::size_t c = 0; c < names.size(); ++c) // files were made in name order
            for (std::size_t f = 0; f < filesOf[c].size(); ++f, ++position)
                if (flippedOf[c][f])
                    out.flipped.insert(position);
    }
    return out;
}

class ExplainerOnFlippedLabels : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = std::make_unique<test::TemporaryFolder>();
        data_ = writeFlippedFolder(folder_->path() / "shapes", 150, 50);
        dataSpec_ = "folder:" + data_.root.string();
        auto dataset = std::make_shared<const Dataset>(loadDataset(dataSpec_, {32, 32, 3}));
        fs::create_directories(folder_->path() / "run" / "checkpoints");
        checkpoint_ =
            test::trainTinyModel(folder_->path() / "run" / "checkpoints", dataset, 8).string();
    }
    static void TearDownTestSuite() { folder_.reset(); }

    static std::unique_ptr<test::TemporaryFolder> folder_;
    static FlippedFolder data_;
    static std::string dataSpec_;
    static std::string checkpoint_;
};

std::unique_ptr<test::TemporaryFolder> ExplainerOnFlippedLabels::folder_;
FlippedFolder ExplainerOnFlippedLabels::data_;
std::string ExplainerOnFlippedLabels::dataSpec_;
std::string ExplainerOnFlippedLabels::checkpoint_;

TEST_F(ExplainerOnFlippedLabels, SuspectsFindMostFlippedLabelsNearTheTop) {
    Explainer explainer(checkpoint_);
    explainer.setData(dataSpec_);
    ASSERT_EQ(data_.flipped.size(), 10u); // 5% of 200
    EXPECT_FALSE(explainer.prepareFeatures()) << "computed the first time";
    const SuspectSearch search = explainer.testSuspects();
    const std::size_t top = 2 * data_.flipped.size();
    std::size_t found = 0;
    for (std::size_t i = 0; i < std::min(top, search.suspects.size()); ++i)
        found += data_.flipped.count(search.suspects[i].index);
    const double recall = static_cast<double>(found) / static_cast<double>(data_.flipped.size());
    std::cout << "flipped labels among the first " << top << " suspects: " << found << " of "
              << data_.flipped.size() << " (recall " << recall << "), " << search.suspects.size()
              << " suspects in all\n";
    EXPECT_GE(recall, 0.7);
    for (const SuspectLabel& s : search.suspects) {
        if (data_.flipped.count(s.index) > 0) {
            EXPECT_EQ(s.likely, (s.given + 3) % 4) << "the shape's own class is the likely one";
        }
    }

    // A second explainer reads the features from beside the run.
    EXPECT_TRUE(fs::exists(folder_->path() / "run" / "explain" / "best.features"));
    Explainer again(checkpoint_);
    again.setData(dataSpec_);
    EXPECT_TRUE(again.prepareFeatures());
    EXPECT_EQ(again.testProbabilities(), explainer.testProbabilities());
}

TEST_F(ExplainerOnFlippedLabels, NeighboursAreTrainingImagesOfTheSameShape) {
    Explainer explainer(checkpoint_);
    explainer.setData(dataSpec_);
    explainer.prepareFeatures();
    int same = 0, total = 0;
    for (std::int64_t i = 0; i < explainer.testCount(); i += 9) {
        if (data_.flipped.count(i) > 0)
            continue;
        const auto neighbours = explainer.testImageNeighbours(i);
        ASSERT_EQ(neighbours.size(), static_cast<std::size_t>(kExplainNeighbours));
        for (const Neighbour& n : neighbours) {
            same += explainer.trainLabel(n.index) == explainer.testLabel(i) ? 1 : 0;
            ++total;
        }
    }
    EXPECT_GT(static_cast<double>(same) / total, 0.8);
    // Any image: a test image given as bytes finds what its number finds.
    const auto byBytes = explainer.imageNeighbours(explainer.testImage(4));
    const auto byNumber = explainer.testImageNeighbours(4);
    EXPECT_EQ(byBytes.front().index, byNumber.front().index);
}

TEST_F(ExplainerOnFlippedLabels, ReadsImageFilesAsTheModelSeesThemAndNamesBadOnes) {
    Explainer explainer(checkpoint_);
    const fs::path big = folder_->path() / "big.png";
    std::mt19937 rng(5);
    ImageBytes square{32, 32, 3, test::quarterShapeImage(0, rng)};
    writePng(big.string(), enlarged(square, 3));
    const ImageBytes seen = explainer.readImage(big.string());
    EXPECT_EQ(seen.width, 32);
    EXPECT_EQ(seen.pixels.size(), 32u * 32 * 3);
    const auto p = explainer.probabilities({seen}).front();
    EXPECT_EQ(std::max_element(p.begin(), p.end()) - p.begin(), 0) << "a square, resized";
    test::writeFile(folder_->path() / "notes.png", "not an image");
    EXPECT_TRUE(test::contains(
        test::errorOf([&] { explainer.readImage((folder_->path() / "notes.png").string()); }),
        "notes.png: cannot be decoded as an image"));
    EXPECT_TRUE(test::contains(test::errorOf([&] { explainer.gradCam(seen, kPredictedClass, 5); }),
                               "--unit: the model has units 0 to 1"));
    EXPECT_TRUE(test::contains(test::errorOf([&] { explainer.gradCam(seen, 9, 1); }),
                               "--class: the model has classes 0 to 3"));
    const GradCamResult cam = explainer.gradCam(seen, kPredictedClass, 1);
    EXPECT_EQ(cam.targetClass, 0);
    EXPECT_EQ(cam.map.width, 32);
    EXPECT_EQ(cam.raw.width, 8);
}

} // namespace
} // namespace inception
