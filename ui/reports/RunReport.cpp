#include "ui/reports/RunReport.hpp"

#include "core/base/InputError.hpp"
#include "core/data/TestImages.hpp"
#include "core/evaluation/PredictionAnalysis.hpp"
#include "core/runs/PredictionsFile.hpp"
#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunNotes.hpp"
#include "core/runs/RunSummary.hpp"
#include "core/spec/ModelAnalysis.hpp"
#include "core/training/TrainingConfig.hpp"
#include "ui/analysis/ClassMetricsModel.hpp"
#include "ui/analysis/ConfusionPanel.hpp"
#include "ui/analysis/ContactSheet.hpp"
#include "ui/analysis/PredictionListModel.hpp"
#include "ui/common/PlotView.hpp"
#include "ui/model_editor/NetworkDiagram.hpp"
#include "ui/runs/RunListModel.hpp"
#include "ui/training/TrainingPlots.hpp"

#include <QCoreApplication>
#include <QTableView>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace inception::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("RunReport", text);
}

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QStringList classNamesOf(const RunRecord& run) {
    QStringList names;
    for (const std::string& name : run.classNames)
        names << qs(name);
    return names;
}

const EpochSummary* bestEpochOf(const RunRecord& run) {
    const auto best = std::max_element(run.epochs.begin(), run.epochs.end(),
                                       [](const EpochSummary& a, const EpochSummary& b) {
                                           return a.testAccuracy < b.testAccuracy;
                                       });
    return best == run.epochs.end() ? nullptr : &*best;
}

void addSummary(ReportDocument& report, const RunRecord& run, const RunSummary& summary) {
    QList<QPair<QString, QString>> rows{
        {tr("Folder"), qs(run.path)},
        {tr("Status"),
         qs(toString(run.status)) +
             (run.message.empty() ? QString() : QStringLiteral(": ") + qs(run.message))},
        {tr("Epochs"),
         QStringLiteral("%1 of %2").arg(summary.trainedEpochs).arg(summary.plannedEpochs)}};
    if (summary.testAccuracy) {
        rows.append({tr("Best test accuracy"), tr("%1 at epoch %2")
                                                   .arg(reportPercent(summary.testAccuracy->max))
                                                   .arg(summary.bestEpoch)});
        rows.append({tr("Last test accuracy"), reportPercent(summary.testAccuracy->last)});
        rows.append({tr("Last test loss"), QString::number(summary.testLoss->last, 'f', 4)});
    }
    if (summary.targetAccuracy > 0.0)
        rows.append({tr("Time to target"),
                     summary.reached
                         ? tr("%1 in %2 (epoch %3)")
                               .arg(reportPercent(summary.targetAccuracy),
                                    RunListModel::durationText(summary.reached->seconds))
                               .arg(summary.reached->epoch)
                         : tr("%1 not reached").arg(reportPercent(summary.targetAccuracy))});
    rows.append({tr("Started"), qs(run.started)});
    if (!run.finished.empty())
        rows.append({tr("Finished"), qs(run.finished)});
    report.keyValues(rows);
}

void addModel(ReportDocument& report, const RunRecord& run) {
    report.section(QStringLiteral("model"), tr("Model"));
    if (!validate(run.spec).empty()) {
        report.paragraph(
            tr("The run's spec is not valid here: %1").arg(qs(validate(run.spec).front().message)));
        return;
    }
    const ModelAnalysis analysis = analyze(run.spec);
    report.paragraph(
        tr("%1: %2 parameters, %3 multiply-accumulates per image (forward).")
            .arg(qs(run.spec.name), reportCount(analysis.parameters), reportCount(analysis.macs)));
    NetworkDiagram diagram;
    diagram.setSpec(run.spec);
    const QSize size(std::max(diagram.sizeHint().width(), 800), diagram.sizeHint().height());
    report.picture(renderForPrint(&diagram, size), 800,
                   tr("The network as the Model page draws it."));
    QList<QStringList> rows;
    for (const LayerInfo& layer : analysis.layers)
        rows.append({qs(layer.name), qs(layer.description), qs(layer.output.toString()),
                     reportCount(layer.parameters), reportCount(layer.macs)});
    rows.append({tr("total"), QString(), QString(), reportCount(analysis.parameters),
                 reportCount(analysis.macs)});
    report.table({tr("Layer"), tr("What"), tr("Output"), tr("Parameters"), tr("MACs")}, rows,
                 {3, 4});
}

// A JSON value as one line of a table.
QString valueText(const nlohmann::json& value) {
    return value.is_string() ? qs(value.get<std::string>()) : qs(value.dump());
}

void addDataAndRecipe(ReportDocument& report, const RunRecord& run) {
    report.section(QStringLiteral("data"), tr("Data and recipe"));
    const DatasetIdentity& data = run.dataset;
    QList<QPair<QString, QString>> dataRows{
        {tr("Data"), qs(data.kind) + QStringLiteral(": ") + qs(data.path)},
        {tr("Images"),
         tr("%1 training, %2 test").arg(reportCount(data.trainCount), reportCount(data.testCount))},
        {tr("Classes"), classNamesOf(run).join(QStringLiteral(", "))},
        {tr("Identity"), qs(data.hash)}};
    if (data.height > 0)
        dataRows.append(
            {tr("Image size"),
             QStringLiteral("%1 x %2 x %3").arg(data.channels).arg(data.height).arg(data.width)});
    report.keyValues(dataRows);
    report.subheading(run.config.recipe.empty()
                          ? tr("Settings")
                          : tr("Settings (from the %1 recipe)").arg(qs(run.config.recipe)));
    QList<QPair<QString, QString>> settings;
    const nlohmann::json config = toJsonValue(run.config);
    for (const auto& [key, value] : config.items())
        settings.append({qs(key), valueText(value)});
    settings.append({tr("arithmetic"), qs(toString(run.precision.precision)) +
                                           QStringLiteral(" (") + qs(run.precision.reason) +
                                           QStringLiteral(")")});
    report.keyValues(settings);
}

void addCurves(ReportDocument& report, const RunRecord& run) {
    report.section(QStringLiteral("curves"), tr("Curves"));
    if (run.epochs.empty()) {
        report.paragraph(tr("No epoch has ended yet."));
        return;
    }
    TrainingPlots plots;
    plots.showRun(run);
    const QSize size(560, 340);
    report.pictureRow(
        {renderForPrint(plots.epochLoss(), size), renderForPrint(plots.accuracy(), size)}, 395,
        {tr("Loss per epoch, training and test."), tr("Accuracy per epoch, training and test.")});
    report.pictureRow(
        {renderForPrint(plots.batchLoss(), size), renderForPrint(plots.learningRate(), size)}, 395,
        {tr("Loss of every batch, raw and smoothed."), tr("Learning rate.")});
}

void addConfusion(ReportDocument& report, const RunRecord& run, const EpochSummary& best) {
    const QStringList names = classNamesOf(run);
    report.section(QStringLiteral("confusion"),
                   tr("Confusion at the best epoch (%1)").arg(best.epoch), true);
    ConfusionPanel panel;
    panel.setMatrix(best.confusion, names);
    // The heatmap with its axis titles, without the metrics under it (a table below).
    const std::unique_ptr<QWidget> heat(panel.heatmap()->parentWidget());
    heat->setParent(nullptr);
    report.picture(renderForPrint(heat.get(), QSize(640, 520)), 600,
                   tr("Test images by true class (rows) and predicted class (columns), epoch %1.")
                       .arg(best.epoch));

    report.section(QStringLiteral("classes"), tr("Per class"));
    ClassMetricsModel metrics;
    metrics.setMatrix(best.confusion, names);
    QStringList header;
    for (int column = 0; column < metrics.columnCount(); ++column)
        header << metrics.headerData(column, Qt::Horizontal).toString();
    QList<QStringList> rows;
    for (int row = 0; row < metrics.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < metrics.columnCount(); ++column)
            cells << metrics.index(row, column).data().toString();
        rows.append(cells);
    }
    report.table(header, rows,
                 {ClassMetricsModel::Precision, ClassMetricsModel::Recall, ClassMetricsModel::F1,
                  ClassMetricsModel::Support});
}

void addMistakes(ReportDocument& report, const RunRecord& run, const EpochSummary& best) {
    report.section(QStringLiteral("mistakes"), tr("Most confident mistakes"), true);
    std::vector<SamplePrediction> predictions;
    TestImages images;
    try {
        predictions = readPredictions(runPredictions(run.path, best.epoch));
        images = loadTestImages(run.dataset);
    } catch (const InputError& e) {
        report.paragraph(tr("Not shown: %1").arg(qs(e.oneLine())));
        return;
    }
    std::vector<const SamplePrediction*> mistakes;
    for (const SamplePrediction& p : predictions)
        if (p.predicted != p.trueClass)
            mistakes.push_back(&p);
    std::stable_sort(mistakes.begin(), mistakes.end(),
                     [](const auto* a, const auto* b) { return confidence(*a) > confidence(*b); });
    mistakes.resize(std::min<std::size_t>(mistakes.size(), kReportMistakes));
    if (mistakes.empty()) {
        report.paragraph(tr("No test image is misclassified at epoch %1.").arg(best.epoch));
        return;
    }
    PredictionListModel model;
    model.setPredictions(predictions, classNamesOf(run));
    model.setImages(
        std::make_shared<const std::vector<QImage>>(PredictionListModel::convertImages(images)));
    PredictionFilter filter;
    filter.ranked.emplace();
    for (const SamplePrediction* p : mistakes)
        filter.ranked->push_back(p->index);
    model.setFilter(filter);
    const QImage sheet = renderContactSheet(model, 8, 3);
    report.picture(
        sheet, std::min(760, sheet.width()),
        tr("The %1 test images misclassified with the highest confidence at epoch %2, most "
           "confident first: true → predicted, confidence.")
            .arg(mistakes.size())
            .arg(best.epoch));
    if (!run.dataset.hash.empty() && images.identity.hash != run.dataset.hash)
        report.paragraph(
            tr("The data found at %1 differ from the run's (identity %2, the run has %3): the "
               "images may not match the predictions.")
                .arg(qs(images.identity.path), qs(images.identity.hash), qs(run.dataset.hash)));
}

void addMachine(ReportDocument& report, const RunRecord& run, const RunSummary& summary) {
    report.section(QStringLiteral("machine"), tr("Machine and timings"));
    double trainImages = 0.0, evalImages = 0.0, epochSeconds = 0.0;
    for (const EpochSummary& e : run.epochs) {
        trainImages += e.imagesPerSecond;
        evalImages += e.evalImagesPerSecond;
        epochSeconds += e.seconds;
    }
    const double epochs = std::max<double>(1.0, static_cast<double>(run.epochs.size()));
    QList<QPair<QString, QString>> rows{
        {tr("CPU"), run.cpu.empty() ? tr("not recorded") : qs(run.cpu)},
        {tr("Arithmetic"), qs(toString(run.precision.precision))},
        {tr("Threads"),
         run.config.threads > 0 ? QString::number(run.config.threads) : tr("every core")}};
    if (run.worldSize > 1)
        rows.append(
            {tr("Ranks"), QStringLiteral("%1 (%2)").arg(run.worldSize).arg(qs(run.backend))});
    rows.append({tr("Training time"), RunListModel::durationText(summary.elapsedSeconds)});
    rows.append({tr("Mean epoch"), RunListModel::durationText(epochSeconds / epochs)});
    rows.append({tr("Training images/s"), QString::number(trainImages / epochs, 'f', 1)});
    rows.append({tr("Test images/s"), QString::number(evalImages / epochs, 'f', 1)});
    report.keyValues(rows);
}

} // namespace

void addNotesSection(ReportDocument& report, const QString& folder) {
    report.section(QStringLiteral("notes"), tr("Notes"));
    try {
        const RunNotes notes = readRunNotes(folder.toStdString());
        QStringList tags;
        for (const std::string& tag : notes.tags)
            tags << qs(tag);
        report.keyValues(
            {{tr("Tags"), tags.isEmpty() ? tr("none") : tags.join(QStringLiteral(", "))}});
        report.paragraph(notes.note.empty() ? tr("No note.") : qs(notes.note));
    } catch (const InputError& e) {
        report.paragraph(qs(e.oneLine()));
    }
}

ReportDocument runReport(const QString& folder) {
    const RunRecord run = readRun(folder.toStdString());
    const RunSummary summary = summarize(run);
    ReportDocument report(tr("Run %1").arg(qs(run.name)));
    addSummary(report, run, summary);
    addModel(report, run);
    addDataAndRecipe(report, run);
    addCurves(report, run);
    if (const EpochSummary* best = bestEpochOf(run)) {
        addConfusion(report, run, *best);
        addMistakes(report, run, *best);
    } else {
        report.section(QStringLiteral("confusion"), tr("Confusion"));
        report.paragraph(tr("No epoch has ended yet."));
    }
    addMachine(report, run, summary);
    addNotesSection(report, folder);
    return report;
}

} // namespace inception::ui
