#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace inception::ui {

// What a file job (export, import, copy) ends with: a message for the user, and the file or
// run folder it made.
struct FileJobResult {
    bool ok = false;
    QString message;
    QString path;
};

// Runs file jobs on Qt's thread pool, one at a time, so that the GUI thread never waits on
// disk or on LibTorch. Exceptions end in the job: they become a failed result with their
// one-line message. `done` runs on the GUI thread.
class FileJob : public QObject {
    Q_OBJECT

public:
    using Work = std::function<FileJobResult()>;
    using Done = std::function<void(const FileJobResult&)>;

    explicit FileJob(QObject* parent = nullptr);

    bool isBusy() const { return busy_; }
    // False (and nothing runs) while another job is running.
    bool start(Work work, Done done);

signals:
    void busyChanged(bool busy);

private:
    bool busy_ = false;
};

} // namespace inception::ui
