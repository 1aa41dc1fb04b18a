#include "core/explain/SuspectLabels.hpp"

#include <algorithm>
#include <stdexcept>

namespace inception {

SuspectSearch findSuspectLabels(const std::vector<float>& probabilities,
                                const std::vector<std::int16_t>& labels, int classes,
                                const std::vector<std::int16_t>& neighbourLabels, int neighbours) {
    const auto count = static_cast<std::int64_t>(labels.size());
    const auto width = static_cast<std::size_t>(classes);
    if (classes <= 0 || probabilities.size() != labels.size() * width ||
        (!neighbourLabels.empty() &&
         neighbourLabels.size() != labels.size() * static_cast<std::size_t>(neighbours)))
        throw std::invalid_argument("suspect labels: probabilities, labels and neighbours differ");
    auto p = [&](std::int64_t i, int c) {
        return probabilities[static_cast<std::size_t>(i) * width + static_cast<std::size_t>(c)];
    };

    SuspectSearch out;
    std::vector<double> sums(width, 0.0);
    std::vector<std::int64_t> counts(width, 0);
    for (std::int64_t i = 0; i < count; ++i) {
        const int given = labels[static_cast<std::size_t>(i)];
        if (given < 0 || given >= classes)
            throw std::invalid_argument("suspect labels: a label is not a class");
        sums[static_cast<std::size_t>(given)] += p(i, given);
        ++counts[static_cast<std::size_t>(given)];
    }
    for (std::size_t c = 0; c < width; ++c)
        // A class nobody is given cannot be assigned: its threshold is out of reach.
        out.thresholds.push_back(counts[c] == 0 ? 2.0f : static_cast<float>(sums[c] / counts[c]));

    for (std::int64_t i = 0; i < count; ++i) {
        const int given = labels[static_cast<std::size_t>(i)];
        int likely = -1;
        for (int c = 0; c < classes; ++c)
            if (p(i, c) >= out.thresholds[static_cast<std::size_t>(c)] &&
                (likely < 0 || p(i, c) > p(i, likely)))
                likely = c;
        if (likely < 0 || likely == given)
            continue;
        SuspectLabel s;
        s.index = i;
        s.given = given;
        s.likely = likely;
        s.givenProbability = p(i, given);
        s.likelyProbability = p(i, likely);
        double agreeing = 0.0;
        if (neighbours > 0 && !neighbourLabels.empty()) {
            const auto first = static_cast<std::size_t>(i) * static_cast<std::size_t>(neighbours);
            const auto same = std::count(
                neighbourLabels.begin() + static_cast<std::ptrdiff_t>(first),
                neighbourLabels.begin() + static_cast<std::ptrdiff_t>(first) + neighbours,
                static_cast<std::int16_t>(given));
            agreeing = static_cast<double>(same) / neighbours;
            s.neighboursAgreeing = static_cast<float>(agreeing);
        }
        s.score = (static_cast<double>(s.likelyProbability) - s.givenProbability) *
                  (1.0 - agreeing / 2.0);
        out.suspects.push_back(s);
    }
    std::stable_sort(
        out.suspects.begin(), out.suspects.end(),
        [](const SuspectLabel& a, const SuspectLabel& b) { return a.score > b.score; });
    return out;
}

} // namespace inception
