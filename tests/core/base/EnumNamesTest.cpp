#include "core/base/EnumNames.hpp"

#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

enum class Fruit { Apple, Pear, Quince };
constexpr EnumNames<Fruit, 3> kFruitNames{
    "fruit", {{{Fruit::Apple, "apple"}, {Fruit::Pear, "pear"}, {Fruit::Quince, "quince"}}}};

TEST(EnumNamesTest, EveryValueReadsBackFromItsName) {
    for (Fruit fruit : kFruitNames.values())
        EXPECT_EQ(kFruitNames.parse(kFruitNames.nameOf(fruit), "--fruit"), fruit);
    EXPECT_EQ(kFruitNames.nameOf(Fruit::Pear), "pear");
}

TEST(EnumNamesTest, AnUnknownNameIsAnInputErrorListingTheKnownOnes) {
    EXPECT_EQ(kFruitNames.find("plum"), std::nullopt);
    EXPECT_EQ(test::errorOf([] { kFruitNames.parse("plum", "--fruit"); }),
              "--fruit: unknown fruit 'plum' (apple, pear, quince)");
}

TEST(EnumNamesTest, NamesAreCaseSensitive) {
    EXPECT_EQ(kFruitNames.find("Apple"), std::nullopt);
}

} // namespace
} // namespace inception
