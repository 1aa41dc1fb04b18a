#include "ui/runs/RunCatalog.hpp"

#include "core/base/InputError.hpp"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <filesystem>
#include <set>

namespace inception::ui {

namespace {

namespace fs = std::filesystem;

constexpr int kPollMilliseconds = 1000;
constexpr int kRescanDelayMilliseconds = 300; // a burst of folder changes becomes one scan

// A file's time and size in one number (kAbsent when there is none): files replaced by a rename
// change both.
std::int64_t stampOf(const fs::path& file) {
    std::error_code error;
    const auto time = fs::last_write_time(file, error);
    if (error)
        return kAbsent;
    return time.time_since_epoch().count() ^ static_cast<std::int64_t>(fs::file_size(file, error));
}

RunFileStamps stampsOf(const QString& folder) {
    const fs::path root = folder.toStdString();
    return {stampOf(root / runfiles::kRunJson), stampOf(root / runfiles::kMetrics),
            stampOf(root / kRunNotesFile)};
}

QString errorLine(const std::exception& e, const QString& folder) {
    if (const auto* input = dynamic_cast<const InputError*>(&e))
        return QString::fromStdString(input->oneLine());
    return folder + QStringLiteral(": ") + QString::fromUtf8(e.what());
}

void readNotes(CatalogEntry& entry) {
    entry.notesError.clear();
    try {
        entry.notes = readRunNotes(entry.folder.toStdString());
    } catch (const std::exception& e) {
        entry.notes = {};
        entry.notesError = errorLine(e, entry.folder);
    }
}

// The run's summary (summary.json, or made from the whole run when that is stale); a run still
// running is followed from then on.
void readSummary(CatalogEntry& entry) {
    const std::string folder = entry.folder.toStdString();
    try {
        if (!entry.follower) {
            entry.summary = loadRunSummary(folder);
            if (entry.summary.status == RunStatus::Running)
                entry.follower = std::make_shared<RunFollower>(folder);
        }
        if (entry.follower) {
            entry.follower->poll();
            entry.summary = summarize(entry.follower->record());
        }
        entry.readable = true;
        entry.error.clear();
    } catch (const std::exception& e) {
        entry.readable = false;
        entry.follower.reset();
        entry.error = errorLine(e, entry.folder);
    }
}

CatalogEntry readEntry(const QString& folder) {
    CatalogEntry entry;
    entry.folder = folder;
    entry.stamps = stampsOf(folder); // before reading: a change while reading is seen next time
    readSummary(entry);
    readNotes(entry);
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

const RunRecord* RunCatalog::record(int index) {
    if (index < 0 || index >= static_cast<int>(entries_.size()))
        return nullptr;
    CatalogEntry& entry = entries_[static_cast<std::size_t>(index)];
    if (!entry.readable)
        return nullptr;
    if (!entry.follower) {
        auto follower = std::make_shared<RunFollower>(entry.folder.toStdString());
        try {
            follower->poll();
        } catch (const InputError&) {
            rescanDelay_.start(); // the folder went away or run.json is being replaced
            return nullptr;
        }
        entry.follower = std::move(follower);
    }
    return &entry.follower->record();
}

QString RunCatalog::editNotes(int index, const std::function<void(RunNotes&)>& edit) {
    CatalogEntry& entry = entries_.at(static_cast<std::size_t>(index));
    try {
        RunNotes notes = readRunNotes(entry.folder.toStdString());
        edit(notes);
        writeRunNotes(entry.folder.toStdString(), notes);
    } catch (const std::exception& e) {
        return errorLine(e, entry.folder);
    }
    entry.stamps.notes = stampsOf(entry.folder).notes;
    readNotes(entry);
    emit runChanged(index);
    return {};
}

QStringList RunCatalog::allTags() const {
    std::set<QString> tags;
    for (const CatalogEntry& entry : entries_)
        for (const std::string& tag : entry.notes.tags)
            tags.insert(QString::fromStdString(tag));
    return {tags.begin(), tags.end()};
}

void RunCatalog::rescan() {
    if (scan_.isRunning()) {
        rescanPending_ = true;
        return;
    }
    std::set<QString> known;
    for (const CatalogEntry& entry : entries_)
        if (entry.readable)
            known.insert(entry.folder);
    scan_.setFuture(QtConcurrent::run(scanFolder, root_, known));
}

void RunCatalog::applyScan(std::vector<CatalogEntry> found, const QStringList& present) {
    const std::set<QString> presentSet(present.begin(), present.end());
    emit aboutToReset();
    std::erase_if(entries_, [&](const CatalogEntry& e) {
        return !presentSet.contains(e.folder) || !e.readable; // unreadable ones are read again
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
    if (!entry.readable)
        return;
    const RunFileStamps stamps = stampsOf(entry.folder);
    if (stamps.runJson == kAbsent) {
        rescanDelay_.start(); // the folder went away or run.json is being replaced
        return;
    }
    bool changed = false;
    if (entry.follower) {
        try {
            if (entry.follower->poll()) {
                entry.summary = summarize(entry.follower->record());
                changed = true;
            }
        } catch (const InputError&) {
            rescanDelay_.start();
            return;
        }
    } else if (stamps.runJson != entry.stamps.runJson || stamps.metrics != entry.stamps.metrics) {
        readSummary(entry);
        if (!entry.readable)
            rescanDelay_.start();
        changed = true;
    }
    if (stamps.notes != entry.stamps.notes) {
        readNotes(entry);
        changed = true;
    }
    entry.stamps = stamps;
    if (changed)
        emit runChanged(index);
}

} // namespace inception::ui
