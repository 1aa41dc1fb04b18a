#pragma once

#include "core/runs/RunDirectory.hpp"

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <vector>

namespace inception::ui {

// One run directory as the catalog knows it: followed while it grows, or why it cannot be read.
struct CatalogEntry {
    QString folder;
    std::shared_ptr<RunFollower> follower; // null when run.json could not be read
    QString error;
    std::int64_t parameters = 0;
    std::int64_t macs = 0;
    const RunRecord* record() const { return follower ? &follower->record() : nullptr; }
};

// Every run directory under a root folder (written by this app, the CLI, or synced from
// another machine). New and deleted folders are noticed through a file-system watcher;
// runs already known are followed by polling, which reads only what was appended. Reading a
// folder for the first time happens on a worker thread.
class RunCatalog : public QObject {
    Q_OBJECT

public:
    explicit RunCatalog(QObject* parent = nullptr);
    ~RunCatalog() override;

    void setRoot(const QString& root);
    QString root() const { return root_; }
    const std::vector<CatalogEntry>& entries() const { return entries_; }
    int indexOf(const QString& folder) const;
    // Milliseconds between polls of known runs.
    void setPollInterval(int milliseconds) { pollTimer_.setInterval(milliseconds); }

public slots:
    // Looks for new and deleted run folders (asynchronously).
    void rescan();
    // Reads what the known runs appended since the last poll.
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
