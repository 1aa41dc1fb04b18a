#pragma once

#include <QColor>
#include <QString>

namespace inception::ui::palette {

// One colour per role across every plot: train is blue, test orange (Okabe-Ito, readable
// for colour-blind users).
inline const QColor kTrain{0, 114, 178};
inline const QColor kTest{230, 159, 0};
inline const QColor kRaw{160, 190, 215};
inline const QColor kSmoothed{0, 84, 147};
inline const QColor kLearningRate{0, 158, 115};

// Problems: text that reports one, and the error banner's border and background.
inline const QColor kErrorText{181, 42, 42};
inline const QColor kErrorBorder{217, 83, 79};
inline const QColor kErrorBackground{251, 227, 228};
inline const QColor kInformationBorder{74, 144, 217};
inline const QColor kInformationBackground{227, 240, 251};

// A style sheet that colours a label's text as a problem.
inline QString errorTextStyle() {
    return QStringLiteral("color: %1;").arg(kErrorText.name());
}

// Rich text `html` coloured as a problem, for a part of a label.
inline QString errorSpan(const QString& html) {
    return QStringLiteral("<span style='color:%1'>%2</span>").arg(kErrorText.name(), html);
}

// Distinct colours for overlaid runs and per-class curves: Okabe-Ito's eight, then black and
// purple, so CIFAR-10's ten classes each have their own.
inline QColor series(int index) {
    static const QColor colours[] = {{0, 114, 178},  {230, 159, 0}, {0, 158, 115},  {204, 121, 167},
                                     {86, 180, 233}, {213, 94, 0},  {240, 228, 66}, {90, 90, 90},
                                     {0, 0, 0},      {117, 68, 145}};
    return colours[index % (sizeof colours / sizeof colours[0])];
}

} // namespace inception::ui::palette
