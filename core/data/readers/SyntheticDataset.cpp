#include "core/data/readers/SyntheticDataset.hpp"

#include "core/data/DataSource.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace inception {

namespace {

const std::vector<std::string> kShapes = {"circle", "square",  "triangle",       "cross",
                                          "ring",   "diamond", "horizontal-bar", "vertical-bar",
                                          "x",      "two-dots"};

// splitmix64: tiny, and the same sequence on every platform and standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int uniform(int low, int high) { // inclusive
        return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
    }

private:
    std::uint64_t state_;
};

void drawShape(cv::Mat& image, int shape, Random& rng) {
    const int side = image.cols;
    const int r = rng.uniform(side / 6, side / 3);
    const cv::Point c(rng.uniform(r, side - 1 - r), rng.uniform(r, side - 1 - r));
    const cv::Scalar colour(rng.uniform(110, 255), rng.uniform(110, 255), rng.uniform(110, 255));
    const int thick = std::max(2, side / 12);
    switch (shape) {
    case 0:
        cv::circle(image, c, r, colour, cv::FILLED, cv::LINE_AA);
        break;
    case 1:
        cv::rectangle(image, c - cv::Point(r, r), c + cv::Point(r, r), colour, cv::FILLED);
        break;
    case 2: {
        const std::vector<cv::Point> pts = {{c.x, c.y - r}, {c.x - r, c.y + r}, {c.x + r, c.y + r}};
        cv::fillConvexPoly(image, pts, colour, cv::LINE_AA);
        break;
    }
    case 3:
        cv::line(image, {c.x - r, c.y}, {c.x + r, c.y}, colour, thick);
        cv::line(image, {c.x, c.y - r}, {c.x, c.y + r}, colour, thick);
        break;
    case 4:
        cv::circle(image, c, r, colour, thick, cv::LINE_AA);
        break;
    case 5: {
        const std::vector<cv::Point> pts = {
            {c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}};
        cv::fillConvexPoly(image, pts, colour, cv::LINE_AA);
        break;
    }
    case 6:
        cv::rectangle(image, {c.x - r, c.y - thick}, {c.x + r, c.y + thick}, colour, cv::FILLED);
        break;
    case 7:
        cv::rectangle(image, {c.x - thick, c.y - r}, {c.x + thick, c.y + r}, colour, cv::FILLED);
        break;
    case 8:
        cv::line(image, {c.x - r, c.y - r}, {c.x + r, c.y + r}, colour, thick, cv::LINE_AA);
        cv::line(image, {c.x - r, c.y + r}, {c.x + r, c.y - r}, colour, thick, cv::LINE_AA);
        break;
    default:
        cv::circle(image, {c.x - r / 2, c.y}, std::max(2, r / 3), colour, cv::FILLED, cv::LINE_AA);
        cv::circle(image, {c.x + r / 2, c.y}, std::max(2, r / 3), colour, cv::FILLED, cv::LINE_AA);
        break;
    }
}

DatasetSplit makeSplit(int perClass, int side, Random& rng) {
    const auto classes = static_cast<std::int64_t>(kShapes.size());
    const std::int64_t n = perClass * classes;
    auto images = torch::empty({n, side, side, 3}, torch::kUInt8);
    auto labels = torch::empty({n}, torch::kInt64);
    auto* labelData = labels.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < n; ++i) {
        const int shape = static_cast<int>(i % classes); // classes interleaved
        cv::Mat image(side, side, CV_8UC3, images[i].data_ptr<std::uint8_t>());
        image.setTo(cv::Scalar(rng.uniform(0, 70), rng.uniform(0, 70), rng.uniform(0, 70)));
        for (int k = 0; k < side; ++k) { // sparse speckle noise
            const int x = rng.uniform(0, side - 1), y = rng.uniform(0, side - 1);
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(rng.uniform(0, 110), rng.uniform(0, 110), rng.uniform(0, 110));
        }
        drawShape(image, shape, rng);
        labelData[i] = shape;
    }
    return {images, labels};
}

} // namespace

Dataset makeSyntheticDataset(const SyntheticOptions& options) {
    Random rng(options.seed);
    const int testPerClass =
        options.testPerClass > 0 ? options.testPerClass : std::max(10, options.trainPerClass / 4);
    Dataset d;
    d.classNames = kShapes;
    d.train = makeSplit(options.trainPerClass, options.side, rng);
    d.test = makeSplit(testPerClass, options.side, rng);
    const DataSource source = DataSource::synthetic(options.trainPerClass);
    d.identity.kind = kindName(source.kind);
    d.identity.path = toString(source);
    finishDataset(d);
    return d;
}

} // namespace inception
