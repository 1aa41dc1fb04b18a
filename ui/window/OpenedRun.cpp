#include "ui/window/OpenedRun.hpp"

#include "core/base/InputError.hpp"
#include "ui/runs/RunCatalog.hpp"

namespace inception::ui {

namespace {
constexpr int kFollowMilliseconds = 1000;
} // namespace

OpenedRun::OpenedRun(RunCatalog* catalog, QObject* parent) : QObject(parent), catalog_(catalog) {
    followTimer_.setInterval(kFollowMilliseconds);
    connect(&followTimer_, &QTimer::timeout, this, &OpenedRun::poll);
    connect(catalog_, &RunCatalog::runChanged, this, [this](int index) {
        if (follower_ && catalog_->entries()[static_cast<std::size_t>(index)].follower == follower_)
            emit changed();
    });
}

void OpenedRun::open(const QString& folder) {
    const int index = catalog_->indexOf(folder);
    std::shared_ptr<RunFollower> known =
        index < 0 ? nullptr : catalog_->entries()[static_cast<std::size_t>(index)].follower;
    if (known) {
        catalog_->pollEntry(index);
        follower_ = std::move(known);
        followTimer_.stop();
        return;
    }
    auto follower = std::make_shared<RunFollower>(folder.toStdString());
    follower->poll();
    follower_ = std::move(follower);
    followTimer_.start();
}

void OpenedRun::close() {
    follower_.reset();
    followTimer_.stop();
}

QString OpenedRun::folder() const {
    return follower_ ? QString::fromStdString(follower_->record().path) : QString();
}

void OpenedRun::poll() {
    if (!follower_)
        return;
    try {
        if (follower_->poll())
            emit changed();
    } catch (const InputError& e) {
        followTimer_.stop();
        emit failed(QString::fromStdString(e.oneLine()));
    }
}

} // namespace inception::ui
