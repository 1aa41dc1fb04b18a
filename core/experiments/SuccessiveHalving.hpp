#pragma once

#include <optional>
#include <vector>

namespace inception {

// What successive halving decides for a configuration at a rung.
enum class Verdict { Undecided, Promoted, Pruned };

// The verdicts at one rung. `scores[c]`: configuration c's score there (its mean test
// accuracy over its seeds), none while some of its trials have not got there; `inRace[c]`:
// whether c trained up to this rung. Of the n configurations in the race the best
// max(1, ceil(keep * n)) are promoted (ties: the lower index first). A verdict is given as
// soon as the scores known make it certain, so processes that see the rung fill up in any
// order decide alike; configurations out of the race get Pruned.
std::vector<Verdict> halvingVerdicts(const std::vector<std::optional<double>>& scores,
                                     const std::vector<bool>& inRace, double keep);

// The indices of the points on the accuracy-cost Pareto front, by cost: no other point is
// at least as accurate for at most the cost (and better in one). Points with a
// non-finite cost or accuracy are left out.
std::vector<int> paretoFront(const std::vector<double>& cost, const std::vector<double>& accuracy);

} // namespace inception
