#include "ui/runs/RunCatalog.hpp"

#include "core/base/InputError.hpp"
#include "core/spec/ModelAnalysis.hpp"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <set>

namespace inception::ui {

namespace {

constexpr int kPollMilliseconds = 1000;
constexpr int kRescanDelayMilliseconds = 300; // a burst of folder changes becomes one scan

CatalogEntry readEntry(const QString& folder) {
    CatalogEntry entry;
    entry.folder = folder;
    try {
        auto follower = std::make_shared<RunFollower>(folder.toStdString());
        follower->poll();
        if (validate(follower->record().spec).empty()) {
            const ModelAnalysis analysis = analyze(follower->record().spec);
            entry.parameters = analysis.parameters;
            entry.macs = analysis.macs;
        }
        entry.follower = std::move(follower);
    } catch (const InputError& e) {
        entry.error = QString::fromStdString(e.oneLine());
    } catch (const std::exception& e) {
        entry.error = folder + QStringLiteral(": ") + QString::fromUtf8(e.what());
    }
    return entry;
}

// The run folders under `root` (those holding a run.json), and of them the ones not in `known`.
std::pair<std::vector<CatalogEntry>, QStringList> scanFolder(const QString& root,
                                                             const std::set<QString>& known) {
    std::vector<CatalogEntry> found;
    QStringList present;
    const QDir dir(root);
    for (const QFileInfo& info : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!QFileInfo::exists(info.filePath() + QStringLiteral("/run.json")))
            continue;
        const QString folder = info.absoluteFilePath();
        present << folder;
        if (!known.contains(folder))
            found.push_back(readEntry(folder));
    }
    return {std::move(found), present};
}

} // namespace

RunCatalog::RunCatalog(QObject* parent) : QObject(parent) {
    rescanDelay_.setSingleShot(true);
    rescanDelay_.setInterval(kRescanDelayMilliseconds);
    connect(&rescanDelay_, &QTimer::timeout, this, &RunCatalog::rescan);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, &rescanDelay_,
            qOverload<>(&QTimer::start));
    pollTimer_.setInterval(kPollMilliseconds);
    connect(&pollTimer_, &QTimer::timeout, this, &RunCatalog::poll);
    connect(&scan_, &QFutureWatcher<void>::finished, this, [this] {
        auto [found, present] = scan_.result();
        applyScan(std::move(found), present);
        if (std::exchange(rescanPending_, false))
            rescan();
        else
            emit scanFinished();
    });
}

RunCatalog::~RunCatalog() {
    scan_.waitForFinished();
}

void RunCatalog::setRoot(const QString& root) {
    const QString absolute = QFileInfo(root).absoluteFilePath();
    if (absolute == root_)
        return;
    if (!watcher_.directories().isEmpty())
        watcher_.removePaths(watcher_.directories());
    root_ = absolute;
    QDir().mkpath(root_);
    watcher_.addPath(root_);
    emit aboutToReset();
    entries_.clear();
    emit reset();
    rescan();
    pollTimer_.start();
}

int RunCatalog::indexOf(const QString& folder) const {
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].folder == absolute)
            return static_cast<int>(i);
    return -1;
}

void RunCatalog::rescan() {
    if (scan_.isRunning()) {
        rescanPending_ = true;
        return;
    }
    std::set<QString> known;
    for (const CatalogEntry& entry : entries_)
        if (entry.follower)
            known.insert(entry.folder);
    scan_.setFuture(QtConcurrent::run(scanFolder, root_, known));
}

void RunCatalog::applyScan(std::vector<CatalogEntry> found, const QStringList& present) {
    const std::set<QString> presentSet(present.begin(), present.end());
    emit aboutToReset();
    std::erase_if(entries_, [&](const CatalogEntry& e) {
        return !presentSet.contains(e.folder) || !e.follower; // unreadable ones are read again
    });
    for (CatalogEntry& entry : found)
        entries_.push_back(std::move(entry));
    // Newest first: folder names start with the start time.
    std::sort(entries_.begin(), entries_.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
        return QFileInfo(a.folder).fileName() > QFileInfo(b.folder).fileName();
    });
    emit reset();
}

void RunCatalog::poll() {
    for (std::size_t i = 0; i < entries_.size(); ++i)
        pollEntry(static_cast<int>(i));
}

void RunCatalog::pollEntry(int index) {
    CatalogEntry& entry = entries_[static_cast<std::size_t>(index)];
    if (!entry.follower)
        return;
    try {
        if (entry.follower->poll())
            emit runChanged(index);
    } catch (const InputError&) {
        rescanDelay_.start(); // the folder went away or run.json is being replaced
    }
}

} // namespace inception::ui
