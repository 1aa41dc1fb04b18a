// Measures what the workbench costs a training run: the event loop's longest stall while
// the window shows a run training at full speed, the GUI thread's CPU share, and training
// images/s in the window against the same run by inception-cli, alternating. Each round
// trains three times: in the window with a stall-measuring timer, in the window without it,
// and in inception-cli.
//
//   inception-gui-bench [--data SPEC] [--model seed|tiny] [--epochs N] [--batch-size N]
//                       [--threads N] [--limit-train N] [--limit-test N] [--rounds N]
//                       [--experiment-trials N]
//
// With --experiment-trials N it then measures the event loop while the Experiments page runs
// an experiment of N trials (learning rates around the form's) with the same settings.
//
// Runs offscreen unless a display is set; settings and runs go to temporary places.
#include "core/base/AtomicFile.hpp"
#include "core/base/CachingCpuAllocator.hpp"
#include "core/experiments/ExperimentRunner.hpp"
#include "ui/experiments/ExperimentSession.hpp"
#include "ui/experiments/ExperimentsPage.hpp"
#include "ui/model_editor/ModelPage.hpp"
#include "ui/training/HyperparameterForm.hpp"
#include "ui/training/TrainingPage.hpp"
#include "ui/window/MainWindow.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <optional>
#include <vector>

namespace {

using namespace inception;

struct Settings {
    std::string data = "synthetic:100";
    std::string model = "seed";
    TrainingConfig config;
    int rounds = 2;
    int experimentTrials = 0;
};

Settings parse(const QStringList& args) {
    Settings s;
    s.config.epochs = 2;
    s.config.threads = 2;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString& key = args[i];
        const QString& value = args[i + 1];
        if (key == "--data")
            s.data = value.toStdString();
        else if (key == "--model")
            s.model = value.toStdString();
        else if (key == "--epochs")
            s.config.epochs = value.toInt();
        else if (key == "--batch-size")
            s.config.batchSize = value.toInt();
        else if (key == "--threads")
            s.config.threads = value.toInt();
        else if (key == "--limit-train")
            s.config.limitTrain = value.toLongLong();
        else if (key == "--rounds")
            s.rounds = std::max(1, value.toInt());
        else if (key == "--experiment-trials")
            s.experimentTrials = std::max(0, value.toInt());
        else if (key == "--limit-test")
            s.config.limitTest = value.toLongLong();
        else {
            std::fprintf(stderr, "error: %s: unknown option\n", qPrintable(key));
            std::exit(2);
        }
    }
    return s;
}

// Training images/s of the epochs after the first (which warms caches and allocators).
double steadyImagesPerSecond(const std::vector<double>& perEpoch) {
    if (perEpoch.empty())
        return 0.0;
    const auto begin = perEpoch.size() > 1 ? perEpoch.begin() + 1 : perEpoch.begin();
    return std::accumulate(begin, perEpoch.end(), 0.0) /
           static_cast<double>(perEpoch.end() - begin);
}

double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9;
}

// Ticks of a 5 ms timer: how late the event loop is, in ms beyond the interval, sorted.
class StallMeter {
public:
    StallMeter() {
        ticker_.setInterval(kTickMilliseconds);
        QObject::connect(&ticker_, &QTimer::timeout, [this] {
            stalls_.push_back(std::max(0.0, sinceTick_.nsecsElapsed() / 1e6 - kTickMilliseconds));
            sinceTick_.start();
        });
        sinceTick_.start();
        ticker_.start();
    }
    std::vector<double> sorted() {
        ticker_.stop();
        std::sort(stalls_.begin(), stalls_.end());
        return stalls_;
    }

private:
    static constexpr int kTickMilliseconds = 5;
    QTimer ticker_;
    QElapsedTimer sinceTick_;
    std::vector<double> stalls_;
};

struct WindowRound {
    std::vector<double> speeds;
    std::vector<double> stalls; // ms beyond the timer's interval, per tick
    double seconds = 0.0;
    double guiCpuSeconds = 0.0; // the GUI thread's CPU time during the run
};

// One run started from the window, with a 5 ms timer measuring how late the event loop is.
WindowRound trainInWindow(ui::MainWindow& window, bool measureStalls) {
    WindowRound round;
    QEventLoop loop;
    const auto epochs =
        QObject::connect(window.controller(), &ui::TrainingController::epochFinished,
                         [&](const EpochSummary& e) { round.speeds.push_back(e.imagesPerSecond); });
    const auto ended = QObject::connect(window.controller(), &ui::TrainingController::runEnded,
                                        &loop, &QEventLoop::quit);
    const auto failed = QObject::connect(
        window.controller(), &ui::TrainingController::failedToStart, [&](const QString& message) {
            std::fprintf(stderr, "error: %s\n", qPrintable(message));
            loop.quit();
        });
    QElapsedTimer wall;
    wall.start();
    const double guiCpuBefore = threadCpuSeconds();
    window.startTraining();
    std::optional<StallMeter> meter;
    if (measureStalls)
        meter.emplace();
    loop.exec();
    if (meter)
        round.stalls = meter->sorted();
    round.seconds = wall.elapsed() / 1000.0;
    round.guiCpuSeconds = threadCpuSeconds() - guiCpuBefore;
    for (const auto& connection : {epochs, ended, failed})
        QObject::disconnect(connection);
    return round;
}

// The same run by inception-cli in its own process: training images/s of each epoch, read
// from its epoch lines ("... 2032 img/s").
std::vector<double> trainInCli(const Settings& settings, const QString& runs) {
    const TrainingConfig& c = settings.config;
    QProcess cli;
    cli.start(QStringLiteral(INCEPTION_CLI_PATH),
              {"train", "--data", QString::fromStdString(settings.data), "--model",
               QString::fromStdString(settings.model), "--epochs", QString::number(c.epochs),
               "--batch-size", QString::number(c.batchSize), "--threads",
               QString::number(c.threads), "--limit-train", QString::number(c.limitTrain),
               "--limit-test", QString::number(c.limitTest), "--out", runs});
    cli.waitForFinished(-1);
    std::vector<double> speeds;
    static const QRegularExpression epochLine(QStringLiteral("train loss .* (\\d+) img/s$"));
    for (const QByteArray& line : cli.readAllStandardOutput().split('\n'))
        if (const auto match = epochLine.match(QString::fromUtf8(line)); match.hasMatch())
            speeds.push_back(match.captured(1).toDouble());
    if (cli.exitCode() != 0 || speeds.empty())
        std::fprintf(stderr, "error: inception-cli: %s\n", cli.readAllStandardError().constData());
    return speeds;
}

// An experiment of `trials` learning rates on the Experiments page, trained to its end while
// the stall meter ticks; the page redraws its table and pictures as trials progress.
void measureExperiment(ui::MainWindow& window, const Settings& settings, const QString& folder) {
    const TrainingConfig& c = settings.config;
    nlohmann::json rates = nlohmann::json::array();
    for (int i = 0; i < settings.experimentTrials; ++i)
        rates.push_back(c.learningRate * std::pow(2.0, i - settings.experimentTrials / 2));
    const nlohmann::json experiment = {{"name", "gui-bench"},
                                       {"data", settings.data},
                                       {"base",
                                        {{"model", settings.model},
                                         {"epochs", c.epochs},
                                         {"batch_size", c.batchSize},
                                         {"threads", c.threads},
                                         {"limit_train", c.limitTrain},
                                         {"limit_test", c.limitTest}}},
                                       {"vary", {{"lr", rates}}}};
    const std::string file = (folder + "/gui-bench.json").toStdString();
    writeFileAtomically(file, experiment.dump(2));
    const QString experimentFolder = folder + "/gui-bench";
    prepareExperimentFolder(file, experimentFolder.toStdString());
    window.openExperiment(experimentFolder);
    ui::ExperimentSession* session = window.experimentsPage()->session();
    QEventLoop loop;
    QObject::connect(session, &ui::ExperimentSession::runningChanged, &loop, [&loop](bool running) {
        if (!running)
            loop.quit();
    });
    QElapsedTimer wall;
    wall.start();
    const double guiCpuBefore = threadCpuSeconds();
    StallMeter meter;
    session->start();
    loop.exec();
    const std::vector<double> stalls = meter.sorted();
    const double seconds = wall.elapsed() / 1000.0;
    std::printf("experiment of %d trials on the Experiments page: event loop longest stall "
                "%.1f ms, 99th percentile %.1f ms (%zu ticks over %.1f s), GUI thread busy "
                "%.1f%%\n",
                settings.experimentTrials, stalls.empty() ? 0.0 : stalls.back(),
                stalls.empty() ? 0.0 : stalls[stalls.size() * 99 / 100], stalls.size(), seconds,
                100 * (threadCpuSeconds() - guiCpuBefore) / seconds);
}

} // namespace

int main(int argc, char** argv) {
    inception::installCachingCpuAllocator(); // as inception-workbench does
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
    const Settings settings = parse(app.arguments());
    QTemporaryDir runs;

    ui::MainWindow window;
    window.resize(1400, 900);
    window.setRunsFolder(runs.path());
    window.setDataSource(QString::fromStdString(settings.data));
    window.modelPage()->setSpec(loadModelSpec(settings.model));
    window.trainingPage()->form()->setConfig(settings.config);
    window.show();

    std::printf("data %s, model %s, %d epochs, batch %d, %d threads; window and "
                "inception-cli alternate, %d rounds\n",
                settings.data.c_str(), settings.model.c_str(), settings.config.epochs,
                settings.config.batchSize, settings.config.threads, settings.rounds);
    std::vector<double> stalls, windowSpeeds, cliSpeeds;
    for (int round = 1; round <= settings.rounds; ++round) {
        // The 5 ms ticker that measures stalls wakes the GUI thread 200 times a second, which
        // on two cores slows the training threads: speed is measured in a run without it.
        WindowRound inWindow = trainInWindow(window, true);
        const WindowRound unobserved = trainInWindow(window, false);
        if (inWindow.speeds.empty() || unobserved.speeds.empty())
            return 1;
        const std::vector<double> inCli = trainInCli(settings, runs.path());
        const double longest = inWindow.stalls.empty() ? 0.0 : inWindow.stalls.back();
        const double p99 =
            inWindow.stalls.empty() ? 0.0 : inWindow.stalls[inWindow.stalls.size() * 99 / 100];
        windowSpeeds.push_back(steadyImagesPerSecond(unobserved.speeds));
        cliSpeeds.push_back(steadyImagesPerSecond(inCli));
        stalls.push_back(longest);
        std::printf("round %d: event loop longest stall %.1f ms, 99th percentile %.1f ms (%zu "
                    "ticks over %.1f s), GUI thread busy %.1f%%; training images/s window "
                    "%.1f (%.1f while measuring stalls), inception-cli %.1f\n",
                    round, longest, p99, inWindow.stalls.size(), inWindow.seconds,
                    100 * unobserved.guiCpuSeconds / unobserved.seconds, windowSpeeds.back(),
                    steadyImagesPerSecond(inWindow.speeds), cliSpeeds.back());
    }
    const double windowMean = std::accumulate(windowSpeeds.begin(), windowSpeeds.end(), 0.0) /
                              static_cast<double>(windowSpeeds.size());
    const double cliMean = std::accumulate(cliSpeeds.begin(), cliSpeeds.end(), 0.0) /
                           static_cast<double>(cliSpeeds.size());
    std::printf("longest event-loop stall %.1f ms; training images/s window %.1f, "
                "inception-cli %.1f, window/cli %.3f\n",
                *std::max_element(stalls.begin(), stalls.end()), windowMean, cliMean,
                windowMean / cliMean);
    if (settings.experimentTrials > 0)
        measureExperiment(window, settings, runs.path());
    return 0;
}
