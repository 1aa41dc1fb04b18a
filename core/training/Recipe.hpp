#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <optional>
#include <string>
#include <vector>

namespace inception {

// What a recipe does to a network's structure, whatever its widths: the channel counts of the
// stem and of every unit are the user's and stay as they are.
struct SpecStructure {
    bool batchNorm = false;
    int stemKernel = 7;
    int stemStride = 2;
    bool stemLocalResponseNorm = true;
    bool stemMaxPool = true;
    // Max pools 3x3/2 after the units that end these shares of the stack (2/5 and 4/5: after
    // units 2 and 4 of five); empty: no pools between units.
    std::vector<double> poolsAfterShares;
    double dropout = 0.4;

    bool operator==(const SpecStructure&) const = default;
};

// A named way to train: the settings and the structure they were measured with
// (docs/recipes.md).
struct Recipe {
    std::string name;    // "notebook", "fast"
    std::string title;   // "Notebook recipe"
    std::string summary; // one line for menus and --help
    SpecStructure structure;
    TrainingConfig config; // config.recipe is `name`
};

std::vector<Recipe> recipes();
std::optional<Recipe> findRecipe(const std::string& name);
// Throws InputError at `field` for an unknown name, listing the known ones.
Recipe recipeNamed(const std::string& name, const std::string& field);

// `spec` with the recipe's structure; its widths, input and classes unchanged.
ModelSpec withStructure(ModelSpec spec, const SpecStructure& structure);
// The units that pool after themselves under `structure` in a stack of `units`.
std::vector<bool> poolsAfter(const SpecStructure& structure, std::size_t units);

} // namespace inception
