#include "ui/common/FileJob.hpp"

#include "core/base/InputError.hpp"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace inception::ui {

FileJob::FileJob(QObject* parent) : QObject(parent) {}

bool FileJob::start(Work work, Done done) {
    if (busy_)
        return false;
    busy_ = true;
    emit busyChanged(true);
    auto* watcher = new QFutureWatcher<FileJobResult>(this);
    connect(watcher, &QFutureWatcher<FileJobResult>::finished, this,
            [this, watcher, done = std::move(done)] {
                const FileJobResult result = watcher->result();
                watcher->deleteLater();
                busy_ = false;
                emit busyChanged(false);
                done(result);
            });
    watcher->setFuture(QtConcurrent::run([work = std::move(work)]() -> FileJobResult {
        try {
            return work();
        } catch (const InputError& e) {
            return {false, QString::fromStdString(e.oneLine()), {}};
        } catch (const std::exception& e) {
            return {false, QString::fromUtf8(e.what()), {}};
        }
    }));
    return true;
}

} // namespace inception::ui
