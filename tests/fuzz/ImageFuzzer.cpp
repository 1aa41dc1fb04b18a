// An image file as an image folder's or Try Images' reader decodes it: the header checked, then
// OpenCV decodes and the image is resized to 32x32 colour (even first byte) or 28x28 grey.
#include "core/data/readers/ImageDecoding.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    inception::imageHeaderProblem(bytes);
    const auto path = inception::fuzz::writeScratch("image.png", bytes);
    const bool colour = size == 0 || data[0] % 2 == 0;
    const inception::ImageShape shape =
        colour ? inception::ImageShape{32, 32, 3} : inception::ImageShape{28, 28, 1};
    inception::fuzz::acceptOrRefuse([&] {
        if (inception::decodeImageFile(path.string(), shape).size() != shape.bytes())
            std::abort();
    });
    return 0;
}
