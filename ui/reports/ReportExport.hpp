#pragma once

#include <QString>

#include <optional>

namespace inception::ui {

enum class ReportFormat { Html, Pdf };

// "html" or "pdf" (any case); none for anything else.
std::optional<ReportFormat> reportFormatNamed(const QString& name);

// The report of a run folder (run.json) or an experiment folder (experiment.json), written to
// `out` whole or not at all. Returns an error line naming the file and what is wrong, empty on
// success. Renders with widgets: call on the GUI thread of a QApplication.
QString exportReport(const QString& folder, const QString& out, ReportFormat format);

} // namespace inception::ui
