#pragma once

#include "core/training/TrainingEvents.hpp"

#include <QMetaType>

#include <vector>

// Core's plain value types travel in queued signals between the training thread and the GUI.
Q_DECLARE_METATYPE(inception::RunDescription)
Q_DECLARE_METATYPE(inception::EpochSummary)
Q_DECLARE_METATYPE(inception::RunOutcome)
Q_DECLARE_METATYPE(std::vector<inception::BatchProgress>)

namespace inception::ui {
void registerMetaTypes();
} // namespace inception::ui
