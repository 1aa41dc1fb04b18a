// What a file held reaches the terminal only as printable text on one short line.
#include "tests/support/CliProcess.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace inception {
namespace {

bool printableOneLine(const std::string& err) {
    if (err.empty() || err.back() != '\n' || err.find('\n') != err.size() - 1)
        return false;
    return std::none_of(err.begin(), err.end() - 1, [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
}

TEST(ErrorLines, BytesFromAFileAreEscapedAndLongLinesCut) {
    test::Cli cli;
    // A spec whose damaged JSON the parser quotes: an escape sequence, a bell, bytes that are
    // not UTF-8.
    const auto spec = cli.folder() / "spec.json";
    std::ofstream(spec) << "{\"units\": [\x1b[31m\x07\xff\xfe";
    auto o = cli.run({"summary", "--model", spec.string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(printableOneLine(o.err)) << o.err;
    EXPECT_TRUE(test::contains(o.err, spec.string())) << o.err;

    // A 1 MB value in a field the error quotes.
    const auto huge = cli.folder() / "huge.json";
    std::ofstream(huge) << "{\"name\": \"seed\", \"units\": \"" << std::string(1 << 20, 'x')
                        << "\"}";
    o = cli.run({"summary", "--model", huge.string()});
    EXPECT_EQ(o.exitCode, 3);
    EXPECT_TRUE(printableOneLine(o.err)) << o.err.substr(0, 300);
    EXPECT_LT(o.err.size(), 1200u);
}

} // namespace
} // namespace inception
