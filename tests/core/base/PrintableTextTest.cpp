#include "core/base/PrintableText.hpp"

#include "core/base/InputError.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(PrintableTextTest, ControlCharactersAndBadBytesAreEscaped) {
    EXPECT_EQ(printableLine("plain text, 72.18%"), "plain text, 72.18%");
    EXPECT_EQ(printableLine("a\nb\tc\rd"), "a\\nb\\tc\\rd");
    // An escape sequence that would recolour the terminal, a bell, a NUL, DEL.
    EXPECT_EQ(printableLine(std::string("\x1b[31mred\x07\0!\x7f", 12)),
              "\\x1B[31mred\\x07\\x00!\\x7F");
    // C1 controls (U+009B is a one-character CSI).
    EXPECT_EQ(printableLine("x\xc2\x9b"
                            "2J"),
              "x\\u009B2J");
    // Valid UTF-8 is kept: names in any script, arrows, 4-byte characters.
    EXPECT_EQ(printableLine("cat → dog, Käfer, 猫, \xf0\x9f\x90\x88"),
              "cat → dog, Käfer, 猫, \xf0\x9f\x90\x88");
    // Not UTF-8: a stray continuation, a cut sequence, an overlong '/', a surrogate, > U+10FFFF.
    EXPECT_EQ(printableLine("\x80"), "\\x80");
    EXPECT_EQ(printableLine("\xe2\x86"), "\\xE2\\x86");
    EXPECT_EQ(printableLine("\xc0\xaf"), "\\xC0\\xAF");
    EXPECT_EQ(printableLine("\xed\xa0\x80"), "\\xED\\xA0\\x80");
    EXPECT_EQ(printableLine("\xf4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80");
}

TEST(PrintableTextTest, LongTextIsCutAtACharacterWithWhatWasLeftOut) {
    const std::string line(1'000'000, 'x');
    const std::string shown = printableLine(line, 100);
    EXPECT_EQ(shown, std::string(100, 'x') + "... (999900 more bytes)");
    // Never inside a character or an escape.
    EXPECT_EQ(printableLine("ab→c", 4), "ab... (4 more bytes)");
    EXPECT_EQ(printableLine("ab\ncd", 3), "ab... (3 more bytes)");
    EXPECT_LE(printableLine(std::string(5000, '\x01')).size(), kMaxErrorLineBytes + 32);
}

TEST(PrintableTextTest, InputErrorsArePrintableWhateverTheyQuote) {
    const InputError e("run.json\x1b]0;title\x07", "got '" + std::string(2000, 'y') + "\n'");
    const std::string line = e.oneLine();
    EXPECT_EQ(line.find('\x1b'), std::string::npos);
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_TRUE(line.starts_with("run.json\\x1B]0;title\\x07: got 'yyy"));
    EXPECT_LT(line.size(), 2 * kMaxErrorLineBytes);
    EXPECT_TRUE(line.ends_with("more bytes)"));
}

} // namespace
} // namespace inception
