#include "ui/reports/ReportExport.hpp"

#include "core/base/InputError.hpp"
#include "ui/reports/ExperimentReport.hpp"
#include "ui/reports/RunReport.hpp"

#include <QDir>
#include <QFileInfo>

namespace inception::ui {

std::optional<ReportFormat> reportFormatNamed(const QString& name) {
    if (name.compare(QStringLiteral("html"), Qt::CaseInsensitive) == 0)
        return ReportFormat::Html;
    if (name.compare(QStringLiteral("pdf"), Qt::CaseInsensitive) == 0)
        return ReportFormat::Pdf;
    return std::nullopt;
}

QString exportReport(const QString& folder, const QString& out, ReportFormat format) {
    const QDir dir(folder);
    try {
        std::optional<ReportDocument> report;
        if (QFileInfo::exists(dir.filePath(QStringLiteral("run.json"))))
            report = runReport(folder);
        else if (QFileInfo::exists(dir.filePath(QStringLiteral("experiment.json"))))
            report = experimentReport(folder);
        else
            return folder + QStringLiteral(": neither a run (run.json) nor an experiment "
                                           "(experiment.json) folder");
        return format == ReportFormat::Pdf ? report->writePdf(out) : report->writeHtml(out);
    } catch (const InputError& e) {
        return QString::fromStdString(e.oneLine());
    } catch (const std::exception& e) {
        return folder + QStringLiteral(": ") + QString::fromUtf8(e.what());
    }
}

} // namespace inception::ui
