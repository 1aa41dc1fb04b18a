#include "core/training/Recipe.hpp"

#include "core/base/InputError.hpp"
#include "core/spec/ModelAnalysis.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(RecipeTest, TheNotebookRecipeIsTheDefaultsAndTheSeedsStructure) {
    const Recipe notebook = recipeNamed("notebook", "--recipe");
    TrainingConfig expected;
    expected.recipe = "notebook";
    EXPECT_EQ(notebook.config, expected);
    ModelSpec seed = seedSpec();
    EXPECT_EQ(withStructure(seed, notebook.structure), seed);
}

TEST(RecipeTest, TheFastStructureKeepsTheWidthsAndStaysSeedSized) {
    const Recipe fast = recipeNamed("fast", "--recipe");
    const ModelSpec seed = seedSpec();
    const ModelSpec spec = withStructure(seed, fast.structure);
    ASSERT_EQ(spec.units.size(), seed.units.size());
    for (std::size_t u = 0; u < spec.units.size(); ++u) {
        EXPECT_EQ(spec.units[u].outChannels(), seed.units[u].outChannels());
        EXPECT_EQ(spec.units[u].poolAfter, u == 1 || u == 3) << u;
    }
    EXPECT_TRUE(spec.batchNorm);
    EXPECT_EQ(spec.stem.kernel, 3);
    EXPECT_EQ(spec.stem.stride, 1);
    EXPECT_FALSE(spec.stem.localResponseNorm);
    const ModelAnalysis cost = analyze(spec);
    EXPECT_EQ(cost.stemOutput.height, 16);
    EXPECT_EQ(cost.units[1].output.height, 8);
    EXPECT_EQ(cost.units[4].output.height, 4);
    // The bounds: at most about 1 M parameters and twice the seed's 39.5 M MACs.
    EXPECT_LT(cost.parameters, 1'000'000);
    EXPECT_LT(cost.macs, 2 * analyze(seed).macs);
    // Back to the notebook's structure: the seed again.
    EXPECT_EQ(withStructure(spec, recipeNamed("notebook", "x").structure), seed);
}

TEST(RecipeTest, PoolsFallAtTwoFifthsAndFourFifthsOfAnyDepth) {
    const SpecStructure s = recipeNamed("fast", "x").structure;
    EXPECT_EQ(poolsAfter(s, 1), std::vector<bool>({false}));
    EXPECT_EQ(poolsAfter(s, 2), std::vector<bool>({true, false}));
    EXPECT_EQ(poolsAfter(s, 5), std::vector<bool>({false, true, false, true, false}));
    EXPECT_EQ(poolsAfter(s, 9),
              std::vector<bool>({false, false, true, false, false, false, true, false, false}));
}

TEST(RecipeTest, AnUnknownRecipeListsTheKnownOnes) {
    try {
        recipeNamed("slow", "--recipe");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.oneLine(), "--recipe: unknown recipe 'slow' (notebook, fast)");
    }
}

} // namespace
} // namespace inception
