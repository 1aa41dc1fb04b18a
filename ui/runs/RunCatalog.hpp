#pragma once

#include "core/runs/RunDirectory.hpp"
#include "core/runs/RunNotes.hpp"
#include "core/runs/RunSummary.hpp"

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace inception::ui {

// When a run's files last changed, as far as the catalog needs to know.
inline constexpr std::int64_t kAbsent = std::numeric_limits<std::int64_t>::min();
struct RunFileStamps {
    std::int64_t runJson = kAbsent;
    std::int64_t metrics = kAbsent;
    std::int64_t notes = kAbsent;
    bool operator==(const RunFileStamps&) const = default;
};

// One run directory as the catalog knows it: its summary and notes, or why it cannot be read.
// A run that is still running, or whose epochs were asked for, is also followed.
struct CatalogEntry {
    QString folder;
    bool readable = false;
    RunSummary summary;
    RunNotes notes;
    QString error;      // why run.json cannot be read
    QString notesError; // why notes.json cannot be read
    std::shared_ptr<RunFollower> follower;
    RunFileStamps stamps;
};

// Every run directory under a root folder (written by this app, the CLI, or synced from
// another machine). A folder is first read from its summary.json on a worker thread, so that
// a thousand runs open at once; new and deleted folders are noticed through a file-system
// watcher; runs are polled for changes, and running ones followed line by line.
class RunCatalog : public QObject {
    Q_OBJECT

public:
    explicit RunCatalog(QObject* parent = nullptr);
    ~RunCatalog() override;

    void setRoot(const QString& root);
    QString root() const { return root_; }
    const std::vector<CatalogEntry>& entries() const { return entries_; }
    int indexOf(const QString& folder) const;
    // The whole run (every epoch), read when first asked for and followed from then on; null
    // when it cannot be read.
    const RunRecord* record(int index);
    // Changes the notes of a run as read from its notes.json now (another writer's change since
    // the last poll is kept), written atomically; an error line, empty on success. A damaged
    // file is left alone.
    QString editNotes(int index, const std::function<void(RunNotes&)>& edit);
    // Every tag of every run, sorted.
    QStringList allTags() const;
    // Milliseconds between polls of known runs.
    void setPollInterval(int milliseconds) { pollTimer_.setInterval(milliseconds); }

public slots:
    // Looks for new and deleted run folders (asynchronously).
    void rescan();
    // Reads what changed in the known runs since the last poll.
    void poll();
    // The same for one run, now (a run about to be shown must be up to date).
    void pollEntry(int index);

signals:
    void aboutToReset();
    void reset();
    void runChanged(int index);
    void scanFinished();

private:
    void applyScan(std::vector<CatalogEntry> found, const QStringList& present);

    QString root_;
    std::vector<CatalogEntry> entries_;
    QFileSystemWatcher watcher_;
    QTimer rescanDelay_;
    QTimer pollTimer_;
    QFutureWatcher<std::pair<std::vector<CatalogEntry>, QStringList>> scan_;
    bool rescanPending_ = false;
};

} // namespace inception::ui
