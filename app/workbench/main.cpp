// inception-workbench: the desktop window over core, for launching, watching and comparing
// training runs.
#include "core/base/CachingCpuAllocator.hpp"
#include "ui/data/DataSource.hpp"
#include "ui/dialogs/FirstStartDialog.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/MainWindow.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QTimer>

#include <cstdio>

namespace {

struct Options {
    QString data;
    QString runs;
    QString open;
    bool start = false;
    QString screenshot;
    int screenshotAfter = 0; // seconds
    QString page;
    QString experiment;
};

Options parseOptions(const QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Train GoogLeNet-style classifiers on CIFAR-10 and see what they get wrong."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Data to train on, as inception-cli's --data."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Folder of run directories."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("Show this run directory (followed live)."),
                                  QStringLiteral("RUN"));
    const QCommandLineOption start(QStringLiteral("start"),
                                   QStringLiteral("Start a run with the saved settings."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a picture of the window, then quit."),
                                        QStringLiteral("PNG"));
    const QCommandLineOption after(QStringLiteral("screenshot-after"),
                                   QStringLiteral("Seconds to wait before the screenshot."),
                                   QStringLiteral("S"), QStringLiteral("3"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("Page to show: model, data, training, analysis, runs, experiments."),
        QStringLiteral("NAME"));
    const QCommandLineOption experiment(
        QStringLiteral("experiment"),
        QStringLiteral("Show this experiment folder on the Experiments page (followed live)."),
        QStringLiteral("DIR"));
    parser.addOptions({data, runs, open, start, screenshot, after, page, experiment});
    parser.process(app);
    return {parser.value(data),  parser.value(runs),       parser.value(open),
            parser.isSet(start), parser.value(screenshot), parser.value(after).toInt(),
            parser.value(page),  parser.value(experiment)};
}

} // namespace

int main(int argc, char** argv) {
    inception::installCachingCpuAllocator();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("InceptionWorkbench"));
    QApplication::setApplicationName(QStringLiteral("inception-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Inception Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(INCEPTION_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.inception_workbench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/inception-workbench.png")));
    const Options options = parseOptions(app);

    using inception::ui::MainWindow;
    MainWindow window;
    if (!options.runs.isEmpty())
        window.setRunsFolder(options.runs);
    if (!options.data.isEmpty())
        window.setDataSource(options.data);
    else if (window.needsDataSource())
        if (const QString found = inception::ui::findCifar10(); !found.isEmpty())
            window.setDataSource(found);
    window.show();

    if (window.needsDataSource() && options.screenshot.isEmpty()) {
        inception::ui::FirstStartDialog dialog(&window);
        if (dialog.exec() == QDialog::Accepted)
            window.setDataSource(dialog.source());
    }
    if (!options.open.isEmpty())
        window.openRun(QDir(options.open).absolutePath());
    if (options.start)
        window.startTraining();
    if (!options.experiment.isEmpty())
        window.openExperiment(QDir(options.experiment).absolutePath());
    const QStringList pages{"model", "data", "training", "analysis", "runs", "experiments"};
    if (const auto index = pages.indexOf(options.page.toLower()); index >= 0)
        window.showPage(static_cast<MainWindow::Page>(index));
    else if (!options.page.isEmpty())
        std::fprintf(stderr, "warning: --page %s: not a page (%s)\n", qPrintable(options.page),
                     qPrintable(pages.join(", ")));
    if (!options.screenshot.isEmpty()) {
        QTimer::singleShot(options.screenshotAfter * 1000, &window, [&window, &options] {
            const bool saved = window.grab().save(options.screenshot);
            std::fprintf(saved ? stdout : stderr, "%s: %s\n", qPrintable(options.screenshot),
                         saved ? "saved" : "cannot be written");
            window.stopAndClose();
        });
    }
    return QApplication::exec();
}
