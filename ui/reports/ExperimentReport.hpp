#pragma once

#include "ui/reports/ReportDocument.hpp"

namespace inception::ui {

// An experiment folder as a report: what was varied and how, the trials table (values, state,
// epochs, best test accuracy, parameters, MACs, on the Pareto front or not), the Pareto
// figure and the parallel coordinates as the Experiments page draws them, every trial's test
// curve, and the best trial's summary. Throws InputError naming experiment.json when the
// folder cannot be read.
ReportDocument experimentReport(const QString& folder);

} // namespace inception::ui
