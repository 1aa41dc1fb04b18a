#pragma once

#include "ui/reports/ReportDocument.hpp"

namespace inception::ui {

// A run directory as a report to share: a summary; the model (diagram, layer table with
// parameters and MACs); the data and recipe; the curves; the confusion heatmap and per-class
// table at the best epoch; its most confident mistakes as a contact sheet; the machine and
// timings; the notes. Figures are the workbench's own widgets and plots, rendered for print.
// Throws InputError naming the file when the run cannot be read; parts that are missing (the
// predictions, the test images) are said so in their section.
ReportDocument runReport(const QString& folder);

// The "notes" section: the tags and note of the run or experiment in `folder`.
void addNotesSection(ReportDocument& report, const QString& folder);

// Mistakes in the contact sheet: the most confident first.
inline constexpr int kReportMistakes = 40;

} // namespace inception::ui
