#include "core/experiments/SuccessiveHalving.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace inception {

std::vector<Verdict> halvingVerdicts(const std::vector<std::optional<double>>& scores,
                                     const std::vector<bool>& inRace, double keep) {
    const std::size_t n = scores.size();
    std::vector<Verdict> verdicts(n, Verdict::Pruned);
    const auto racing = static_cast<std::size_t>(std::count(inRace.begin(), inRace.end(), true));
    if (racing == 0)
        return verdicts;
    const auto kept = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::ceil(keep * static_cast<double>(racing) - 1e-9)));
    std::size_t unknown = 0;
    for (std::size_t c = 0; c < n; ++c)
        unknown += inRace[c] && !scores[c] ? 1 : 0;
    // a ranks above b: a better score, or the same and a lower index.
    const auto above = [&](std::size_t a, std::size_t b) {
        return *scores[a] > *scores[b] || (*scores[a] == *scores[b] && a < b);
    };
    for (std::size_t c = 0; c < n; ++c) {
        if (!inRace[c])
            continue;
        if (!scores[c]) {
            verdicts[c] = Verdict::Undecided;
            continue;
        }
        std::size_t better = 0;
        for (std::size_t o = 0; o < n; ++o)
            better += o != c && inRace[o] && scores[o] && above(o, c) ? 1 : 0;
        if (better >= kept)
            verdicts[c] = Verdict::Pruned;
        else if (better + unknown < kept)
            verdicts[c] = Verdict::Promoted;
        else
            verdicts[c] = Verdict::Undecided;
    }
    return verdicts;
}

std::vector<int> paretoFront(const std::vector<double>& cost, const std::vector<double>& accuracy) {
    std::vector<int> order;
    for (std::size_t i = 0; i < cost.size(); ++i)
        if (std::isfinite(cost[i]) && std::isfinite(accuracy[i]))
            order.push_back(static_cast<int>(i));
    // Cheapest first, the more accurate first among equal costs: a point is on the front when
    // it beats the accuracy of every cheaper one.
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return cost[a] != cost[b] ? cost[a] < cost[b] : accuracy[a] > accuracy[b];
    });
    std::vector<int> front;
    double best = -INFINITY;
    for (const int i : order)
        if (accuracy[i] > best) {
            front.push_back(i);
            best = accuracy[i];
        }
    return front;
}

} // namespace inception
