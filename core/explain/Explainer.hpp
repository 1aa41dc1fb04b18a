#pragma once

#include "core/explain/ExplainResults.hpp"
#include "core/explain/NearestNeighbours.hpp"
#include "core/explain/SuspectLabels.hpp"
#include "core/spec/ModelSpec.hpp"

#include <memory>
#include <string>
#include <vector>

namespace inception {

// The questions of the explain views asked of one checkpoint, in plain types for the front
// ends: Grad-CAM of any image, branch ablation, nearest training images and suspect labels
// over the checkpoint's data. Not thread-safe: one thread asks at a time (the GUI's explain
// worker, or the CLI). Every failure to read is an InputError naming the file.
class Explainer {
public:
    // Loads the checkpoint's model; LibTorch computes on `threads` (0: every core).
    explicit Explainer(const std::string& checkpoint, int threads = 0);
    ~Explainer();

    const std::string& checkpoint() const { return checkpoint_; }
    const ModelSpec& spec() const;
    int unitCount() const;
    int classes() const;

    // Grad-CAM at unit `unit` for `targetClass` (kPredictedClass: the predicted one) of images
    // at the model's input size.
    std::vector<GradCamResult> gradCams(const std::vector<ImageBytes>& images,
                                        const std::vector<int>& targets, int unit);
    GradCamResult gradCam(const ImageBytes& image, int targetClass, int unit);
    // Every class's probability of each image.
    std::vector<std::vector<float>> probabilities(const std::vector<ImageBytes>& images);
    // An image file as the model sees it: decoded and resized to its input.
    ImageBytes readImage(const std::string& path) const;

    // The data the questions below are about: `cifar10:PATH`, `folder:PATH`, ... (loaded on
    // first use).
    void setData(const std::string& dataSpec);
    const std::vector<std::string>& classNames();
    std::int64_t testCount();
    ImageBytes testImage(std::int64_t index);
    int testLabel(std::int64_t index);
    ImageBytes trainImage(std::int64_t index);
    int trainLabel(std::int64_t index);

    AblationReport ablate(AblationMode mode, const ExplainProgress& progress = {});

    // Features and probabilities of every image: read from the cache beside the checkpoint
    // when it is of this checkpoint and data, else computed and cached. Needed by the calls
    // below it; true when they came from the cache.
    bool prepareFeatures(const ExplainProgress& progress = {});
    // The nearest training images of a test image, or of any image, nearest first.
    std::vector<Neighbour> testImageNeighbours(std::int64_t index, int k = kExplainNeighbours);
    std::vector<Neighbour> imageNeighbours(const ImageBytes& image, int k = kExplainNeighbours);
    // Every class's probability of each test image, count x classes.
    const std::vector<float>& testProbabilities();
    // Suspect labels of the test split, backed by each image's nearest training images.
    SuspectSearch testSuspects();

private:
    struct State;
    std::string checkpoint_;
    std::unique_ptr<State> state_;
};

} // namespace inception
