// One IDX file, plain or gzipped, read and checked byte by byte before any tensor is made.
#include "core/data/readers/IdxFile.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace inception {
namespace {

using test::errorOf;

// Three labels: magic (two zeros, type 8, one dimension), the size 3, then the bytes.
const std::string kLabels = std::string("\0\0\x08\x01\0\0\0\x03", 8) + "\x01\x02\x03";

TEST(IdxFileTest, ReadsPlainAndGzippedFilesAlike) {
    const test::TemporaryFolder tmp;
    const auto plain = tmp / "labels-idx1-ubyte";
    test::writeFile(plain, kLabels);
    const auto gzipped = tmp / "labels-idx1-ubyte.gz";
    gzFile file = gzopen(gzipped.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    gzwrite(file, kLabels.data(), static_cast<unsigned>(kLabels.size()));
    gzclose(file);
    for (const auto& path : {plain, gzipped}) {
        const IdxArray a = readIdxArray(path.string(), 1);
        EXPECT_EQ(a.sizes, std::vector<std::int64_t>{3}) << path;
        EXPECT_EQ(std::string(reinterpret_cast<const char*>(a.data()), 3), "\x01\x02\x03");
    }
}

TEST(IdxFileTest, RefusesWhatItsHeaderDoesNotDescribe) {
    const test::TemporaryFolder tmp;
    const auto path = (tmp / "labels").string();
    const auto refusal = [&](const std::string& bytes, std::size_t dimensions) {
        test::writeFile(path, bytes);
        return errorOf([&] { readIdxArray(path, dimensions); });
    };
    EXPECT_EQ(refusal(kLabels.substr(0, 10), 1),
              path + ": its header promises 3 bytes of data but the file holds 2 (truncated or "
                     "mislabelled)");
    EXPECT_EQ(refusal(kLabels, 3), path + ": has 1 dimensions, expected 3");
    std::string floats = kLabels;
    floats[2] = '\x0d';
    EXPECT_EQ(refusal(floats, 1), path + ": holds IDX type 13; only unsigned bytes (8) are read");
    std::string empty = kLabels;
    empty[7] = '\0';
    EXPECT_EQ(refusal(empty, 1), path + ": dimension 0 of size 0 is out of range");
    EXPECT_EQ(refusal("text", 1),
              path + ": is not an IDX file (it does not start with two zero bytes)");
    EXPECT_EQ(refusal(std::string("\0\0\x08\x03\0\0", 6), 3), path + ": ends inside its header");
}

} // namespace
} // namespace inception
