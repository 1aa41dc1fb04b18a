// Measures whether the workbench's memory and open files stay flat over a long session: the
// window follows a run that inception-cli trains from its start to its end, then opens copies
// of that run one after the other, each shown on the Training and the Analysis page. Prints
// this process's resident memory (VmRSS) and open file descriptors as it goes, and a summary:
// before, at the follow's peak and end, after every ten runs opened, and the growth per run
// over the last forty.
//
//   inception-session-bench [--data SPEC] [--model tiny|seed] [--epochs N (30)]
//                           [--runs M (50)] [--batch-size N] [--threads N]
//
// Runs offscreen unless a display is set; settings and runs go to temporary places.
#include "ui/window/MainWindow.hpp"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using inception::ui::MainWindow;

struct Sample {
    double seconds;
    long rssKilobytes;
    long openFiles;
};

long residentKilobytes() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

long openFiles() {
    long n = 0;
    std::error_code error;
    for (auto it = fs::directory_iterator("/proc/self/fd", error); it != fs::directory_iterator();
         it.increment(error))
        ++n;
    return n - 1; // the iterator's own descriptor
}

class Recorder {
public:
    Sample take() {
        const Sample s{clock_.elapsed() / 1000.0, residentKilobytes(), openFiles()};
        samples_.push_back(s);
        return s;
    }
    static void print(const char* what, const Sample& s) {
        std::printf("%-28s t=%7.1f s  rss %8.1f MB  open files %4ld\n", what, s.seconds,
                    s.rssKilobytes / 1024.0, s.openFiles);
        std::fflush(stdout);
    }
    const std::vector<Sample>& samples() const { return samples_; }

    QElapsedTimer clock_;

private:
    std::vector<Sample> samples_;
};

void spin(int milliseconds) {
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // keep the user's settings out of it
    QString data = QStringLiteral("synthetic:2000"), model = QStringLiteral("tiny");
    QString epochs = QStringLiteral("30"), batch = QStringLiteral("64"),
            threads = QStringLiteral("2");
    int runs = 50;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const QString& key = args[i];
        const QString& value = args[i + 1];
        if (key == "--data")
            data = value;
        else if (key == "--model")
            model = value;
        else if (key == "--epochs")
            epochs = value;
        else if (key == "--runs")
            runs = value.toInt();
        else if (key == "--batch-size")
            batch = value;
        else if (key == "--threads")
            threads = value;
        else {
            std::fprintf(stderr, "error: unknown option %s\n", qPrintable(key));
            return 2;
        }
    }

    QTemporaryDir folder;
    const QString runsFolder = folder.filePath(QStringLiteral("runs"));
    MainWindow window;
    window.setRunsFolder(runsFolder);
    window.setDataSource(data);
    window.resize(1400, 900);
    window.show();
    Recorder recorder;
    recorder.clock_.start();
    spin(2000);
    const Sample before = recorder.take();
    Recorder::print("window open", before);

    QProcess cli;
    cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    cli.start(QStringLiteral(INCEPTION_CLI_PATH),
              {"train", "--data", data, "--model", model, "--epochs", epochs, "--batch-size", batch,
               "--threads", threads, "--out", runsFolder, "--name", "followed"});
    QString run;
    while (run.isEmpty() && cli.state() != QProcess::NotRunning) {
        spin(200);
        const QStringList found = QDir(runsFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (!found.isEmpty())
            run = QDir(runsFolder).filePath(found.front());
    }
    if (run.isEmpty()) {
        std::fprintf(stderr, "error: inception-cli made no run: %s\n",
                     cli.readAllStandardOutput().constData());
        return 1;
    }
    window.openRun(run);
    window.showPage(MainWindow::TrainingPageIndex);
    Sample peak = recorder.take();
    int tick = 0;
    while (cli.state() != QProcess::NotRunning) {
        spin(1000);
        const Sample s = recorder.take();
        if (s.rssKilobytes > peak.rssKilobytes)
            peak = s;
        // Every fifth second on the Analysis page, which loads each epoch's predictions.
        window.showPage(++tick % 5 == 0 ? MainWindow::AnalysisPageIndex
                                        : MainWindow::TrainingPageIndex);
        if (tick % 30 == 0)
            Recorder::print("following", s);
    }
    if (cli.exitCode() != 0) {
        std::fprintf(stderr, "error: inception-cli exited with %d\n", cli.exitCode());
        return 1;
    }
    spin(3000);
    const Sample followed = recorder.take();
    Recorder::print("followed to its end", followed);

    std::vector<Sample> opened;
    for (int i = 1; i <= runs; ++i) {
        const fs::path copy =
            fs::path(folder.path().toStdString()) / "copies" / ("run-" + std::to_string(i));
        fs::create_directories(copy.parent_path());
        fs::copy(run.toStdString(), copy, fs::copy_options::recursive);
        window.openRun(QString::fromStdString(copy.string()));
        window.showPage(MainWindow::TrainingPageIndex);
        spin(700);
        window.showPage(MainWindow::AnalysisPageIndex);
        spin(700);
        opened.push_back(recorder.take());
        if (i % 10 == 0)
            Recorder::print(("opened " + std::to_string(i) + " runs").c_str(), opened.back());
    }

    std::printf("\nsummary\n");
    Recorder::print("window open", before);
    Recorder::print("peak while following", peak);
    Recorder::print("followed to its end", followed);
    if (opened.size() > 10) {
        const Sample& from = opened[9];
        const Sample& to = opened.back();
        const double runsBetween = static_cast<double>(opened.size() - 10);
        std::printf("growth over the last %d runs opened: %+.1f KB rss per run, %+.2f open "
                    "files per run\n",
                    static_cast<int>(runsBetween),
                    (to.rssKilobytes - from.rssKilobytes) / runsBetween,
                    (to.openFiles - from.openFiles) / runsBetween);
    }
    return 0;
}
