#pragma once

#include "core/spec/ModelSpec.hpp"
#include "core/training/TrainingConfig.hpp"

#include <QString>

#include <memory>

namespace inception::ui {
class MainWindow;
}

namespace inception::test {

// Settings and standard folders in Qt's test locations (~/.qttest), emptied: a test never
// reads or changes the user's settings, and starts from a first start.
void isolateSettings();

// A run that trains in a blink and lasts long enough to be paused and stopped: the tiny
// model, batches of 10 on 20 synthetic images per class.
inline const QString kQuickData = QStringLiteral("synthetic:20");
TrainingConfig quickConfig(int epochs);

// A shown window set up for a quick run of the tiny model, its runs in `runsFolder`.
std::unique_ptr<ui::MainWindow> quickWindow(const QString& runsFolder, int epochs);

// An experiment folder made in `parent` (<parent>/exp) for a quick grid of the tiny model on
// kQuickData: `vary` is the file's "vary" object; returns the folder.
QString quickExperiment(const QString& parent, const std::string& vary, int epochs);

} // namespace inception::test
