#pragma once

#include "core/ModelSpec.hpp"
#include "core/TrainingConfig.hpp"

#include <QString>

namespace inception::test {

// Settings and standard folders in Qt's test locations (~/.qttest), emptied: a test never
// reads or changes the user's settings, and starts from a first start.
void isolateSettings();

// A run that trains in a blink and lasts long enough to be paused and stopped: the tiny
// model, batches of 10 on 20 synthetic images per class.
inline const QString kQuickData = QStringLiteral("synthetic:20");
TrainingConfig quickConfig(int epochs);

} // namespace inception::test
