#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// Time spent in one part of the network per training step, averaged over the timed steps.
struct LayerTiming {
    std::string name; // "stem", "stem / max pool 3x3/2 (ceil)", "unit 3", "unit 3 / 5x5", "head"
    std::int64_t macs = 0;  // multiply-accumulates per image, forward
    double forwardMs = 0.0; // per batch
    double backwardMs = -1; // per batch; -1 where the backward pass is not told apart (branches)
    bool branch = false;    // a layer of the stem or a branch of the unit above
};

// Where a training step's time goes, part by part: the stem, each Inception unit (and, for
// the forward pass, each of its four branches and the concatenation), the head with the loss.
struct LayerProfile {
    int batchSize = 0;
    int steps = 0;
    std::vector<LayerTiming> layers;
};

} // namespace inception
