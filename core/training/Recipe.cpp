#include "core/training/Recipe.hpp"

#include "core/base/InputError.hpp"

#include <cmath>

namespace inception {

namespace {

Recipe notebookRecipe() {
    Recipe r;
    r.name = "notebook";
    r.title = "Notebook recipe";
    r.summary = "the notebook's: Adam 1e-3, batch 256, no augmentation, LRN, no batch norm, "
                "float32 (71.7% after 30 epochs)";
    r.config.recipe = r.name;
    return r;
}

// Measured in docs/recipes.md: each setting below is an ingredient of the ablation there.
Recipe fastRecipe() {
    Recipe r;
    r.name = "fast";
    r.title = "Fast recipe";
    r.summary = "batch norm, a 3x3 stem and pools between units; Nesterov SGD with warm-up and "
                "linear decay, label smoothing, weight averaging and flip TTA (90% in 30 epochs)";
    r.structure = {.batchNorm = true,
                   .stemKernel = 3,
                   .stemStride = 1,
                   .stemLocalResponseNorm = false,
                   .stemMaxPool = true,
                   .poolsAfterShares = {0.4, 0.8},
                   .dropout = 0.0};
    TrainingConfig& c = r.config;
    c.recipe = r.name;
    c.epochs = 30;
    c.batchSize = 512;
    c.optimizer = OptimizerKind::Sgd;
    c.learningRate = 0.4;
    c.momentum = 0.9;
    c.nesterov = true;
    c.weightDecay = 5e-4;
    c.decayNormAndBias = false;
    c.schedule = ScheduleKind::Linear;
    c.warmupEpochs = 2.0;
    c.labelSmoothing = 0.2;
    c.emaDecay = 0.99;
    c.tta = TestTimeAugmentation::Flip;
    c.precision = Precision::Auto;
    c.augmentation = standardAugmentation();
    c.augmentation.normalize = true;
    c.targetAccuracy = 0.90;
    return r;
}

} // namespace

std::vector<Recipe> recipes() {
    return {notebookRecipe(), fastRecipe()};
}

std::optional<Recipe> findRecipe(const std::string& name) {
    for (Recipe& r : recipes())
        if (r.name == name)
            return std::move(r);
    return std::nullopt;
}

Recipe recipeNamed(const std::string& name, const std::string& field) {
    if (auto r = findRecipe(name))
        return *r;
    std::string known;
    for (const Recipe& r : recipes())
        known += (known.empty() ? "" : ", ") + r.name;
    throw InputError(field, "unknown recipe '" + name + "' (" + known + ")");
}

std::vector<bool> poolsAfter(const SpecStructure& structure, std::size_t units) {
    std::vector<bool> pools(units, false);
    for (const double share : structure.poolsAfterShares) {
        const auto ending = static_cast<long>(std::floor(share * static_cast<double>(units))) - 1;
        // Never after the last unit: the global average pool follows it.
        if (ending >= 0 && static_cast<std::size_t>(ending) + 1 < units)
            pools[static_cast<std::size_t>(ending)] = true;
    }
    return pools;
}

ModelSpec withStructure(ModelSpec spec, const SpecStructure& structure) {
    spec.batchNorm = structure.batchNorm;
    spec.stem.kernel = structure.stemKernel;
    spec.stem.stride = structure.stemStride;
    spec.stem.localResponseNorm = structure.stemLocalResponseNorm;
    spec.stem.maxPool = structure.stemMaxPool;
    const std::vector<bool> pools = poolsAfter(structure, spec.units.size());
    for (std::size_t u = 0; u < spec.units.size(); ++u)
        spec.units[u].poolAfter = pools[u];
    spec.head.dropout = structure.dropout;
    return spec;
}

} // namespace inception
