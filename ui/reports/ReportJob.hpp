#pragma once

#include <QObject>
#include <QProcess>
#include <QString>

namespace inception::ui {

// Writes a report in the background through inception-report, the renderer `inception-cli
// report` uses too, so that the window renders nothing on its own thread and a report is
// the same from either. The format follows the file's suffix: .pdf or HTML.
class ReportJob : public QObject {
    Q_OBJECT

public:
    explicit ReportJob(QObject* parent = nullptr);
    ~ReportJob() override;

    // $INCEPTION_REPORT, or inception-report beside this program.
    static QString rendererPath();

    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    // Starts writing the report of the run or experiment in `folder` to `out`; false (and
    // failed() emitted) when one is being written already or the renderer cannot start.
    bool start(const QString& folder, const QString& out);

signals:
    void finished(const QString& out);
    // One line naming the file and what went wrong.
    void failed(const QString& error);

private:
    QProcess process_;
    QString out_;
};

} // namespace inception::ui
