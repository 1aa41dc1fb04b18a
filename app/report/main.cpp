// inception-report FOLDER --format html|pdf --out FILE: renders the report of a run or an
// experiment folder with the workbench's own widgets on Qt's offscreen platform. Started by
// `inception-cli report`; exit codes as the CLI's (0 written, 2 usage, 3 bad input).
#include "ui/reports/ReportExport.hpp"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

namespace {

// The renderer's output is its result or one error line: Qt's own notes about the offscreen
// platform (no runtime folder, no size hints) are not for the user.
void dropQtNotes(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(dropQtNotes);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("inception-report"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes the report of a run or experiment folder as one file."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("folder"),
                                 QStringLiteral("run or experiment folder"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("html or pdf"),
                                    QStringLiteral("format"), QStringLiteral("html"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("the file to write"),
                                 QStringLiteral("file"));
    parser.addOptions({format, out});
    parser.process(app);
    const auto chosen = inception::ui::reportFormatNamed(parser.value(format));
    if (parser.positionalArguments().size() != 1 || !parser.isSet(out) || !chosen) {
        std::fprintf(stderr, "usage: inception-report FOLDER --format html|pdf --out FILE\n");
        return 2;
    }
    const QString error = inception::ui::exportReport(parser.positionalArguments().first(),
                                                      parser.value(out), *chosen);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "error: %s\n", qPrintable(error));
        return 3;
    }
    std::printf("%s\n", qPrintable(parser.value(out)));
    return 0;
}
