#include "core/explain/HeatMapImage.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

int brightness(const Rgb& c) {
    return c[0] + c[1] + c[2];
}

TEST(HeatMapImage, ViridisRisesInBrightnessFromDarkPurpleToYellow) {
    const Rgb low = heatColour(0.0f), high = heatColour(1.0f);
    EXPECT_GT(low[2], low[1]) << "dark purple-blue at 0";
    EXPECT_GT(high[0], high[2]) << "yellow at 1";
    int previous = -1;
    for (int i = 0; i <= 10; ++i) {
        const int b = brightness(heatColour(static_cast<float>(i) / 10));
        EXPECT_GT(b, previous);
        previous = b;
    }
    EXPECT_EQ(heatColour(7.0f), high);
    EXPECT_EQ(heatColour(std::numeric_limits<float>::quiet_NaN()), low);
}

TEST(HeatMapImage, BlendsAtTheOpacityAndComposesSideBySide) {
    const ImageBytes grey{1, 2, 1, {100, 200}};
    const HeatMap map{1, 2, {0.0f, 1.0f}};
    const ImageBytes none = blendHeatMap(grey, map, 0.0f);
    EXPECT_EQ(none.pixels, (std::vector<std::uint8_t>{100, 100, 100, 200, 200, 200}));
    const ImageBytes full = blendHeatMap(grey, map, 1.0f);
    EXPECT_EQ(full.pixels[3], heatColour(1.0f)[0]);
    const ImageBytes big = enlarged(grey, 3);
    EXPECT_EQ(big.width, 6);
    EXPECT_EQ(big.pixels[5], 200);
    const ImageBytes both = sideBySide({big, enlarged(heatMapImage(map), 3)}, 2);
    EXPECT_EQ(both.width, 14);
    EXPECT_EQ(both.pixels[static_cast<std::size_t>(6 * 3)], 255) << "the gap is white";

    test::TemporaryFolder folder;
    writePng((folder / "map.png").string(), both);
    EXPECT_EQ(test::readFile(folder / "map.png").substr(1, 3), "PNG");
    EXPECT_TRUE(test::contains(
        test::errorOf([&] { writePng((folder / "missing" / "map.png").string(), both); }),
        "missing"));
}

} // namespace
} // namespace inception
