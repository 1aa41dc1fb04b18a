#pragma once

#include <QColor>

namespace inception::ui::palette {

// One colour per role across every plot: train is blue, test orange (Okabe-Ito, readable
// for colour-blind users).
inline const QColor kTrain{0, 114, 178};
inline const QColor kTest{230, 159, 0};
inline const QColor kRaw{160, 190, 215};
inline const QColor kSmoothed{0, 84, 147};
inline const QColor kLearningRate{0, 158, 115};

// Distinct colours for overlaid runs.
inline QColor series(int index) {
    static const QColor colours[] = {{0, 114, 178},  {230, 159, 0}, {0, 158, 115},  {204, 121, 167},
                                     {86, 180, 233}, {213, 94, 0},  {240, 228, 66}, {90, 90, 90}};
    return colours[index % (sizeof colours / sizeof colours[0])];
}

} // namespace inception::ui::palette
