#pragma once

#include "core/runs/RunDirectory.hpp"

#include <QObject>
#include <QTimer>

#include <memory>

namespace inception::ui {

class RunCatalog;

// The run directory opened from disk to be shown on the Training and Analysis pages. A run
// the catalog knows is already read and followed by it; a folder elsewhere gets its own
// follower, polled here once a second, so a run still training (from the CLI, or synced
// from another machine) grows on screen.
class OpenedRun : public QObject {
    Q_OBJECT

public:
    explicit OpenedRun(RunCatalog* catalog, QObject* parent = nullptr);

    // Throws InputError when `folder` is not a readable run; the run open before stays open.
    void open(const QString& folder);
    // Stops following: the run training here took over, or the pages show another run.
    void close();
    bool isOpen() const { return follower_ != nullptr; }
    // The run as read so far; only while open.
    const RunRecord& record() const { return follower_->record(); }
    QString folder() const;

signals:
    // The record grew or changed.
    void changed();
    // Following stopped: the folder went away or its run.json is damaged.
    void failed(const QString& message);

private:
    void poll();

    RunCatalog* catalog_;
    std::shared_ptr<RunFollower> follower_;
    QTimer followTimer_;
};

} // namespace inception::ui
