#include "ui/reports/ReportJob.hpp"

#include <QCoreApplication>
#include <QDir>

namespace inception::ui {

ReportJob::ReportJob(QObject* parent) : QObject(parent) {
    connect(&process_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (status == QProcess::NormalExit && code == 0) {
            emit finished(out_);
            return;
        }
        QString error = QString::fromUtf8(process_.readAllStandardError()).trimmed();
        error = error.section('\n', -1); // the renderer's last line is its error
        if (error.startsWith(QStringLiteral("error: ")))
            error = error.mid(7);
        if (error.isEmpty())
            error = tr("%1: the report renderer stopped (exit %2)").arg(out_).arg(code);
        emit failed(error);
    });
    connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            emit failed(tr("%1: the report renderer cannot be started: %2")
                            .arg(rendererPath(), process_.errorString()));
    });
}

ReportJob::~ReportJob() {
    if (isRunning()) {
        process_.kill(); // its temporary file is never renamed into place
        process_.waitForFinished(2000);
    }
}

QString ReportJob::rendererPath() {
    const QString configured = qEnvironmentVariable("INCEPTION_REPORT");
    if (!configured.isEmpty())
        return configured;
    return QDir(QCoreApplication::applicationDirPath())
        .filePath(QStringLiteral("inception-report"));
}

bool ReportJob::start(const QString& folder, const QString& out) {
    if (isRunning()) {
        emit failed(tr("%1: another report is being written; try again when it is done").arg(out));
        return false;
    }
    out_ = out;
    const QString format = out.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)
                               ? QStringLiteral("pdf")
                               : QStringLiteral("html");
    process_.start(rendererPath(),
                   {folder, QStringLiteral("--format"), format, QStringLiteral("--out"), out});
    return process_.state() != QProcess::NotRunning;
}

} // namespace inception::ui
