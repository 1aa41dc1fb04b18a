#pragma once

#include <string>

namespace inception {

// The checkpoints a run keeps in its checkpoint folder: `last` after every epoch and on a
// stop, `best` whenever the test accuracy improved.
enum class RunCheckpoint { Last, Best };

inline std::string checkpointFileName(RunCheckpoint which) {
    return which == RunCheckpoint::Best ? "best.ckpt" : "last.ckpt";
}

} // namespace inception
