#include "ui/reports/ExperimentReport.hpp"

#include "core/experiments/ExperimentStatus.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/experiments/ExperimentPlots.hpp"
#include "ui/reports/RunReport.hpp"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace inception::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ExperimentReport", text);
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

void addDefinition(ReportDocument& report, const ExperimentStatus& status) {
    const ExperimentDefinition& d = status.definition;
    QStringList varied;
    for (const VariedSetting& v : d.vary)
        varied << qs(v.key) + QStringLiteral(" ∈ ") + qs(nlohmann::json(v.values).dump());
    QStringList seeds;
    for (std::uint64_t seed : d.seeds)
        seeds << QString::number(seed);
    report.keyValues({{tr("Folder"), qs(status.folder)},
                      {tr("Data"), qs(d.data)},
                      {tr("Base"), qs(d.base.dump())},
                      {tr("Varied"), varied.join(QStringLiteral("; "))},
                      {tr("Search"), d.search == SearchKind::Grid ? tr("grid") : tr("random")},
                      {tr("Seeds"), seeds.join(QStringLiteral(", "))},
                      {tr("Halving"), d.halving.enabled() ? tr("successive halving") : tr("none")},
                      {tr("Trials"), tr("%1: %2 finished, %3 pruned, %4 failed")
                                         .arg(status.trials.size())
                                         .arg(status.count(TrialState::Finished))
                                         .arg(status.count(TrialState::Pruned))
                                         .arg(status.count(TrialState::Failed))}});
}

void addTrials(ReportDocument& report, const ExperimentStatus& status) {
    report.section(QStringLiteral("trials"), tr("Trials"));
    QList<QStringList> rows;
    for (const TrialStatus& t : status.trials)
        rows.append({QString::number(t.plan.id),
                     qs(t.plan.label(t.plan.seed != 0 && status.definition.seeds.size() > 1)),
                     qs(toString(t.state)),
                     QStringLiteral("%1 / %2").arg(t.epochsDone).arg(t.epochs),
                     t.epochsDone > 0 ? reportPercent(t.bestTestAccuracy) : QStringLiteral("–"),
                     reportCount(t.parameters), reportCount(t.macs),
                     t.onParetoFront ? tr("yes") : QString()});
    report.table({tr("Trial"), tr("Values"), tr("State"), tr("Epochs"), tr("Best test acc."),
                  tr("Parameters"), tr("MACs"), tr("Pareto")},
                 rows, {0, 4, 5, 6});
}

void addFigures(ReportDocument& report, const ExperimentStatus& status) {
    report.section(QStringLiteral("pareto"), tr("Accuracy against cost"));
    ExperimentPlots plots;
    plots.setStatus(std::make_shared<const ExperimentStatus>(status));
    report.picture(
        renderForPrint(plots.scatter(), QSize(800, 470)), 800,
        tr("Best test accuracy of each trial against its multiply-accumulates per image; the "
           "Pareto front (no trial both cheaper and more accurate) joined."));
    report.pictureRow(
        {renderForPrint(plots.parallelCoordinates(), QSize(560, 360)),
         renderForPrint(plots.curves(), QSize(560, 360))},
        395, {tr("The varied values, coloured by accuracy."), tr("Every trial's test accuracy.")});
}

void addBestTrial(ReportDocument& report, const ExperimentStatus& status) {
    report.section(QStringLiteral("best"), tr("Best trial"));
    const auto best = std::max_element(
        status.trials.begin(), status.trials.end(), [](const TrialStatus& a, const TrialStatus& b) {
            return a.epochsDone == 0 ? b.epochsDone > 0
                                     : b.epochsDone > 0 && a.bestTestAccuracy < b.bestTestAccuracy;
        });
    if (best == status.trials.end() || best->epochsDone == 0) {
        report.paragraph(tr("No trial has ended an epoch yet."));
        return;
    }
    QStringList curve;
    for (double accuracy : best->testAccuracy)
        curve << QString::number(100 * accuracy, 'f', 1);
    report.keyValues(
        {{tr("Trial"), QStringLiteral("%1: %2").arg(best->plan.id).arg(qs(best->plan.label(true)))},
         {tr("Run"), qs(best->folder)},
         {tr("State"),
          qs(toString(best->state)) +
              (best->message.empty() ? QString() : QStringLiteral(": ") + qs(best->message))},
         {tr("Best test accuracy"), reportPercent(best->bestTestAccuracy)},
         {tr("Epochs"), QStringLiteral("%1 / %2").arg(best->epochsDone).arg(best->epochs)},
         {tr("Parameters"), reportCount(best->parameters)},
         {tr("MACs per image"), reportCount(best->macs)},
         {tr("Test accuracy by epoch (%)"), curve.join(QStringLiteral(", "))},
         {tr("CPU"), best->cpu.empty() ? tr("not recorded") : qs(best->cpu)}});
    report.paragraph(tr("Its run directory has a report of its own: inception-cli report %1")
                         .arg(qs(best->folder)));
}

} // namespace

ReportDocument experimentReport(const QString& folder) {
    const ExperimentStatus status = readExperimentStatus(folder.toStdString());
    ReportDocument report(tr("Experiment %1").arg(qs(status.definition.name)));
    addDefinition(report, status);
    addTrials(report, status);
    addFigures(report, status);
    addBestTrial(report, status);
    addNotesSection(report, folder);
    return report;
}

} // namespace inception::ui
