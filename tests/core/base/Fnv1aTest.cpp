#include "core/base/Fnv1a.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

// Published FNV-1a 64-bit test vectors.
TEST(Fnv1aTest, MatchesThePublishedVectors) {
    EXPECT_EQ(Fnv1a{}.value(), 0xcbf29ce484222325ULL);
    Fnv1a a;
    a.add("a");
    EXPECT_EQ(a.value(), 0xaf63dc4c8601ec8cULL);
    Fnv1a foobar;
    foobar.add("foobar");
    EXPECT_EQ(foobar.value(), 0x85944171f73967e8ULL);
}

TEST(Fnv1aTest, AddingInPiecesEqualsAddingAtOnce) {
    Fnv1a pieces;
    pieces.add("foo");
    pieces.add("bar");
    EXPECT_EQ(pieces.value(), [] {
        Fnv1a whole;
        whole.add("foobar");
        return whole.value();
    }());
}

} // namespace
} // namespace inception
