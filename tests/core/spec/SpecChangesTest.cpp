// Specs compared and edited by field path, scaled by a width multiplier, and the names
// that say a preset was edited.
#include "core/spec/SpecChanges.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace inception {
namespace {

using test::contains;
using test::errorOf;

TEST(SpecChanges, ListsTheFieldsThatDifferByTheirPaths) {
    ModelSpec edited = seedSpec();
    edited.units[3].out3x3 = 96;
    edited.head.dropout = 0.2;
    const auto changes = specChanges(seedSpec(), edited);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].field, "head.dropout");
    EXPECT_EQ(changes[1].field, "units[3].out3x3");
    EXPECT_EQ(changes[1].to, "96");
    edited.units.pop_back();
    EXPECT_EQ(specChanges(seedSpec(), edited).front().field, "units");
    EXPECT_TRUE(specChanges(seedSpec(), seedSpec()).empty());
}

TEST(SpecChanges, AnEditedPresetIsNamedSo) {
    ModelSpec spec = seedSpec();
    EXPECT_EQ(describedName(spec), "seed");
    spec.head.classes = 4; // follows the data: still the seed
    EXPECT_EQ(describedName(spec), "seed");
    spec.units[0].poolProj += 1;
    EXPECT_EQ(describedName(spec), "seed-edited");
    spec.name = "mine";
    EXPECT_EQ(describedName(spec), "mine");
}

TEST(SpecChanges, SetsAFieldByItsPathAndChecksTheResult) {
    const ModelSpec spec = withField(seedSpec(), "units[3].out3x3", 200);
    EXPECT_EQ(spec.units[3].out3x3, 200);
    EXPECT_EQ(spec.name, "seed");
    EXPECT_TRUE(withField(seedSpec(), "batch_norm", true).batchNorm);
    EXPECT_DOUBLE_EQ(withField(seedSpec(), "head.dropout", 0.1).head.dropout, 0.1);
    EXPECT_TRUE(contains(errorOf([] { withField(seedSpec(), "units[9].out3x3", 8); }),
                         "units[9].out3x3: is not a field of the spec"));
    EXPECT_TRUE(contains(errorOf([] { withField(seedSpec(), "units[1].out3x3", 1.5); }),
                         "must be a whole number"));
    EXPECT_TRUE(contains(errorOf([] { withField(seedSpec(), "units[1]..x", 1); }),
                         "is not a spec field path"));
    EXPECT_TRUE(contains(errorOf([] { withField(seedSpec(), "units[1].reduce3x3", -1); }),
                         "units[1].reduce3x3"));
}

TEST(SpecChanges, APathIsNamesAndIndicesNothingAJsonPointerReadsOtherwise) {
    // Found by fuzz-experiment: a `~` in a vary key made an invalid JSON pointer, whose
    // parse_error escaped; `/` would have addressed another field, a long index overflowed.
    for (const char* path :
         {"stem~", "stem/out_channels", "units[0000000794234814284717].out1x1", "units[1].out 1x1"})
        EXPECT_EQ(errorOf([&] { withField(seedSpec(), path, 8); }),
                  std::string(path) + ": is not a spec field path (like units[3].out3x3)");
    EXPECT_EQ(withField(seedSpec(), "units[0001].out1x1", 8).units[1].out1x1, 8);
}

TEST(SpecChanges, AWidthMultiplierScalesEveryBranchAndTheStem) {
    const ModelSpec half = withWidthMultiplier(seedSpec(), 0.5);
    EXPECT_EQ(half.stem.outChannels, seedSpec().stem.outChannels / 2);
    EXPECT_EQ(half.units[0].out1x1, (seedSpec().units[0].out1x1 + 1) / 2);
    EXPECT_EQ(withWidthMultiplier(tinySpec(), 0.01).units[0].out1x1, 1);
    EXPECT_EQ(withWidthMultiplier(seedSpec(), 1.0), seedSpec());
    EXPECT_TRUE(contains(errorOf([] { withWidthMultiplier(seedSpec(), 0); }), "width_multiplier"));
}

} // namespace
} // namespace inception
