// A zip's directory is read and checked before LibTorch's reader sees the file: records inside
// the file, not overlapping, under one top folder, stored or modestly deflated.
#include "core/base/ZipDirectory.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace inception {
namespace {

using test::errorOf;

struct Entry {
    std::string name;
    std::string data;
    std::uint16_t method = 0;      // 0 stored, 8 deflated, anything else
    std::uint32_t inflated = 0;    // the size the directory claims for a deflated record
    std::int64_t localOffset = -1; // where the directory says its local header is; -1: true
};

void put(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

// A zip as LibTorch writes one (no CRC is checked here), with room to break it.
std::string zipOf(const std::vector<Entry>& entries) {
    std::string zip, directory;
    for (const Entry& e : entries) {
        const std::size_t local = zip.size();
        const std::uint32_t size = e.method == 8 ? e.inflated : e.data.size();
        put(zip, 0x04034b50, 4);
        put(zip, 20, 2);
        put(zip, 0, 2);
        put(zip, e.method, 2);
        put(zip, 0, 8);
        put(zip, e.data.size(), 4);
        put(zip, size, 4);
        put(zip, e.name.size(), 2);
        put(zip, 0, 2);
        zip += e.name + e.data;
        put(directory, 0x02014b50, 4);
        put(directory, 20, 2);
        put(directory, 20, 2);
        put(directory, 0, 2);
        put(directory, e.method, 2);
        put(directory, 0, 8);
        put(directory, e.data.size(), 4);
        put(directory, size, 4);
        put(directory, e.name.size(), 2);
        put(directory, 0, 12);
        put(directory, e.localOffset < 0 ? local : static_cast<std::uint64_t>(e.localOffset), 4);
        directory += e.name;
    }
    const std::size_t at = zip.size();
    zip += directory;
    put(zip, 0x06054b50, 4);
    put(zip, 0, 4);
    put(zip, entries.size(), 2);
    put(zip, entries.size(), 2);
    put(zip, directory.size(), 4);
    put(zip, at, 4);
    put(zip, 0, 2);
    return zip;
}

class ZipDirectoryTest : public testing::Test {
protected:
    // readZipDirectory's one-line refusal of `bytes`, without the path.
    std::string refusalOf(const std::string& bytes) {
        test::writeFile(path(), bytes);
        const std::string error =
            errorOf([&] { readZipDirectory(path(), "is not a readable checkpoint"); });
        return error.substr(std::min(error.size(), path().size() + 2));
    }
    std::string path() const { return (folder_ / "weights.pt").string(); }

    test::TemporaryFolder folder_;
};

TEST_F(ZipDirectoryTest, FindsEveryRecordsData) {
    const std::string zip =
        zipOf({{"archive/data.pkl", "\x80\x02pickle"}, {"archive/data/0", std::string(64, 'w')}});
    test::writeFile(path(), zip);
    const auto records = readZipDirectory(path(), "is not a readable checkpoint");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].name, "archive/data.pkl");
    EXPECT_EQ(zip.substr(records[0].offset, records[0].size), "\x80\x02pickle");
    EXPECT_EQ(zip.substr(records[1].offset, records[1].size), std::string(64, 'w'));
    EXPECT_FALSE(records[1].deflated);
}

TEST_F(ZipDirectoryTest, RefusesWhatLibTorchShouldNotRead) {
    EXPECT_EQ(refusalOf("not a zip at all"),
              "is not a readable checkpoint: no zip directory at its end (not a zip, or cut "
              "short)");
    EXPECT_EQ(refusalOf(zipOf({{"archive/../../etc/passwd", "x"}})),
              "is not a readable checkpoint: record 0 has an unsafe name "
              "'archive/../../etc/passwd'");
    EXPECT_EQ(refusalOf(zipOf({{"archive/data.pkl", "x"}, {"other/data/0", "y"}})),
              "is not a readable checkpoint: record 'other/data/0' is outside the archive's "
              "one top folder");
    EXPECT_EQ(refusalOf(zipOf({{"archive/data.pkl", "x", 12}})),
              "is not a readable checkpoint: record 'archive/data.pkl' is stored in a way "
              "LibTorch does not read");
    // miniz allocates a deflated record's size before it inflates it.
    EXPECT_EQ(refusalOf(zipOf({{"archive/code.py", "tiny", 8, 100u << 20}})),
              "is not a readable checkpoint: record 'archive/code.py' would inflate to "
              "104857600 bytes (at most 67108864)");
    EXPECT_EQ(refusalOf(zipOf({{"archive/code.py", "tiny", 8, 40000}})),
              "is not a readable checkpoint: record 'archive/code.py' would inflate 4 bytes to "
              "40000, beyond deflate's 1032:1");
    EXPECT_EQ(refusalOf(zipOf({{"archive/data.pkl", "x", 0, 0, 1 << 20}})),
              "is not a readable checkpoint: record 'archive/data.pkl' lies outside the file");
    EXPECT_EQ(refusalOf(zipOf({{"archive/data.pkl", "xyz"}, {"archive/data/0", "w", 0, 0, 0}})),
              "is not a readable checkpoint: records 'archive/data.pkl' and 'archive/data/0' "
              "overlap");
    std::string cut = zipOf({{"archive/data.pkl", "x"}});
    cut.resize(cut.size() - 1);
    EXPECT_TRUE(test::contains(refusalOf(cut), "no zip directory at its end"));
}

} // namespace
} // namespace inception
