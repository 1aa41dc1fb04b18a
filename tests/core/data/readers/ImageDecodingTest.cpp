// Image files are checked by their headers before OpenCV decodes them: PNG, JPEG and BMP only,
// at most kMaxImagePixels, and every refusal names the file.
#include "core/data/readers/ImageDecoding.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::contains;
using test::errorOf;

std::string bigEndian32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

// A PNG's signature and IHDR chunk, declaring `width` x `height`, and nothing after.
std::string pngHeader(std::uint32_t width, std::uint32_t height) {
    return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + bigEndian32(width) +
           bigEndian32(height) + std::string("\x08\x02\0\0\0", 5);
}

TEST(ImageDecodingTest, ReadsTheSizeOfPngJpegAndBmpFromTheirHeaders) {
    test::TemporaryFolder folder;
    const cv::Mat image(3, 5, CV_8UC3, cv::Scalar(10, 120, 240));
    for (const char* name : {"a.png", "a.jpg", "a.bmp"}) {
        const fs::path path = folder / name;
        ASSERT_TRUE(cv::imwrite(path.string(), image));
        EXPECT_EQ(imageHeaderProblem(test::readFile(path)), "") << name;
        const auto pixels = decodeImageFile(path.string(), {32, 32, 3});
        EXPECT_EQ(pixels.size(), 32u * 32 * 3) << name;
        EXPECT_NEAR(pixels[0], 240, 8) << name << ": RGB order";
    }
    EXPECT_EQ(imageHeaderProblem(pngHeader(8192, 8192)), "");
}

TEST(ImageDecodingTest, RefusesWhatIsNoImageOrDeclaresAVastOne) {
    EXPECT_EQ(imageHeaderProblem("GIF89a"), "not a PNG, JPEG or BMP image");
    EXPECT_EQ(imageHeaderProblem(""), "not a PNG, JPEG or BMP image");
    EXPECT_EQ(imageHeaderProblem(std::string("\xff\xd8\xff\xd9", 4)),
              "its header gives no image size");
    EXPECT_EQ(imageHeaderProblem(pngHeader(0, 7)), "its header declares 0x7 pixels (at most 64 "
                                                   "megapixels are read)");
    EXPECT_TRUE(contains(imageHeaderProblem(pngHeader(9000, 9000)), "declares 9000x9000 pixels"));
    // Found by fuzz-image: the product of two sides near 2^32 overflowed before the check.
    EXPECT_TRUE(contains(imageHeaderProblem(pngHeader(0xc2c2c2c2, 0xc2c2c2c2)),
                         "declares 3267543746x3267543746 pixels"));

    test::TemporaryFolder folder;
    const fs::path vast = folder / "vast.png";
    test::writeFile(vast, pngHeader(100000, 100000));
    EXPECT_EQ(errorOf([&] {
                  decodeImageFile(vast.string(), {32, 32, 3});
              }),
              vast.string() + ": cannot be decoded as an image: its header declares "
                              "100000x100000 pixels (at most 64 megapixels are read)");
    const fs::path cut = folder / "cut.png";
    test::writeFile(cut, pngHeader(4, 4));
    EXPECT_EQ(errorOf([&] {
                  decodeImageFile(cut.string(), {32, 32, 3});
              }),
              cut.string() + ": cannot be decoded as an image (PNG, JPEG, BMP)");
}

} // namespace
} // namespace inception
