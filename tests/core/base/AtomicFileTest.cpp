#include "core/base/AtomicFile.hpp"

#include "core/base/InputError.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace inception {
namespace {

namespace fs = std::filesystem;
using test::TemporaryFolder;

std::vector<std::string> namesIn(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(AtomicFileTest, ReplacesTheWholeFileAndLeavesNothingElse) {
    TemporaryFolder tmp;
    const fs::path path = tmp / "run.json";
    writeFileAtomically(path.string(), "first");
    writeFileAtomically(path.string(), "second, longer");
    EXPECT_EQ(test::readFile(path), "second, longer");
    EXPECT_EQ(namesIn(tmp.path()), std::vector<std::string>{"run.json"});
}

TEST(AtomicFileTest, AnUnwritableFolderIsAnInputErrorNamingThePath) {
    TemporaryFolder tmp;
    const fs::path path = tmp / "missing" / "run.json";
    const std::string error = test::errorOf([&] { writeFileAtomically(path.string(), "x"); });
    EXPECT_EQ(error.rfind(path.string() + ": cannot be written", 0), 0u) << error;
}

TEST(AtomicFileTest, WriteThroughTemporaryRenamesWhatTheWriterWrote) {
    TemporaryFolder tmp;
    const fs::path path = tmp / "weights.pt";
    test::writeFile(path, "old");
    std::string seenTemporary;
    writeThroughTemporary(path.string(), [&](const std::string& temporary) {
        seenTemporary = temporary;
        EXPECT_NE(temporary, path.string());
        EXPECT_EQ(fs::path(temporary).parent_path(), tmp.path()); // beside it: rename is atomic
        test::writeFile(temporary, "new");
        EXPECT_EQ(test::readFile(path), "old"); // untouched until the writer is done
    });
    EXPECT_EQ(test::readFile(path), "new");
    EXPECT_FALSE(fs::exists(seenTemporary));
}

TEST(AtomicFileTest, AFailedWriterLeavesTheOldFileAndNoTemporary) {
    TemporaryFolder tmp;
    const fs::path path = tmp / "weights.pt";
    test::writeFile(path, "old");
    EXPECT_THROW(writeThroughTemporary(path.string(),
                                       [](const std::string& temporary) {
                                           test::writeFile(temporary, "half");
                                           throw std::runtime_error("disk full");
                                       }),
                 std::runtime_error);
    EXPECT_EQ(test::readFile(path), "old");
    EXPECT_EQ(namesIn(tmp.path()), std::vector<std::string>{"weights.pt"});
}

TEST(AtomicFileTest, AWriterThatWritesNothingCannotBeSynced) {
    TemporaryFolder tmp;
    const fs::path path = tmp / "plot.png";
    EXPECT_THROW(writeThroughTemporary(path.string(), [](const std::string&) {}), InputError);
    EXPECT_FALSE(fs::exists(path));
}

TEST(AtomicFileTest, TemporaryNamesDifferEachTime) {
    EXPECT_NE(temporaryPathFor("/tmp/a"), temporaryPathFor("/tmp/a"));
}

} // namespace
} // namespace inception
