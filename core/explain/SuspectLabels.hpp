#pragma once

#include <cstdint>
#include <vector>

namespace inception {

// An image whose given label the model finds improbable.
struct SuspectLabel {
    std::int64_t index = 0;
    int given = 0;
    int likely = 0; // the class confident learning assigns it to
    float givenProbability = 0.0f;
    float likelyProbability = 0.0f;
    // Of its nearest training images, the share labelled `given` (-1: none searched).
    float neighboursAgreeing = -1.0f;
    double score = 0.0; // the ranking: higher is more suspect
};

struct SuspectSearch {
    std::vector<float> thresholds;      // by class: the mean probability of images given it
    std::vector<SuspectLabel> suspects; // most suspect first
};

// Confident learning (Northcutt, Jiang and Chuang 2021): a class's threshold is the mean
// probability the model gives it over the images labelled with it; an image is counted in the
// class whose probability is the highest of those at or above their thresholds, and it is a
// suspect when that class is not its given label. Suspects rank by the margin p(likely) -
// p(given), halved when every neighbour shares the given label: score = margin * (1 -
// agreeing / 2). `probabilities`: count x classes, out-of-sample for the ranking to mean
// anything; `neighbourLabels`: count x neighbours labels of each image's nearest training
// images (empty: none).
SuspectSearch findSuspectLabels(const std::vector<float>& probabilities,
                                const std::vector<std::int16_t>& labels, int classes,
                                const std::vector<std::int16_t>& neighbourLabels = {},
                                int neighbours = 0);

} // namespace inception
