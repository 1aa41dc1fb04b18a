#include "core/base/AtomicFile.hpp"

#include "core/base/InputError.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>

namespace inception {

namespace {

std::string systemError() {
    return std::strerror(errno);
}

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

// Fails the write of `path` as the disk would when INCEPTION_FAIL_WRITES says so.
void failIfInjected(const std::string& path, const std::string& temporary) {
    if (const int injected = injectedWriteFailure(path)) {
        ::unlink(temporary.c_str());
        throw InputError(path, std::string("cannot be written: ") + std::strerror(injected));
    }
}

} // namespace

int injectedWriteFailure(const std::string& path) {
    const char* setting = std::getenv("INCEPTION_FAIL_WRITES");
    if (!setting || !*setting)
        return 0;
    static const std::map<std::string, int> kErrors = {
        {"ENOSPC", ENOSPC}, {"EDQUOT", EDQUOT}, {"EROFS", EROFS}, {"EIO", EIO}};
    const std::string text(setting);
    const auto colon = text.find(':');
    const auto error = kErrors.find(text.substr(0, colon));
    if (colon == std::string::npos || error == kErrors.end())
        throw InputError("INCEPTION_FAIL_WRITES",
                         "must be ERRNO:TEXT[:SKIP] with ERRNO one of ENOSPC, EDQUOT, EROFS, EIO");
    const auto skipAt = text.find(':', colon + 1);
    const std::string pattern = text.substr(colon + 1, skipAt - colon - 1);
    const long skip = skipAt == std::string::npos ? 0 : std::atol(text.c_str() + skipAt + 1);
    static std::atomic<long> matched{0};
    if (pattern.empty() || path.find(pattern) == std::string::npos)
        return 0;
    return matched++ < skip ? 0 : error->second;
}

std::string temporaryPathFor(const std::string& path) {
    static std::atomic<unsigned> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

void syncFile(const std::string& path) {
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0)
        throw InputError(path, "cannot be synced to disk: " + systemError());
}

void renameDurably(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        const std::string why = systemError();
        ::unlink(from.c_str());
        throw InputError(to, "cannot be written: " + why);
    }
    const auto folder = std::filesystem::path(to).parent_path();
    FileDescriptor dir(::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY));
    if (dir.get() >= 0)
        ::fsync(dir.get());
}

void writeThroughTemporary(const std::string& path,
                           const std::function<void(const std::string& temporary)>& write) {
    const std::string temporary = temporaryPathFor(path);
    try {
        write(temporary);
        failIfInjected(path, temporary);
        syncFile(temporary);
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
    renameDurably(temporary, path);
}

void writeFileAtomically(const std::string& path, std::string_view bytes) {
    const std::string temporary = temporaryPathFor(path);
    {
        FileDescriptor fd(
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0)
            throw InputError(path, "cannot be written: " + systemError());
        const char* data = bytes.data();
        std::size_t left = bytes.size();
        failIfInjected(path, temporary);
        while (left > 0) {
            const auto n = ::write(fd.get(), data, left);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const std::string why = systemError();
                ::unlink(temporary.c_str());
                throw InputError(path, "cannot be written: " + why);
            }
            data += n;
            left -= static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
            const std::string why = systemError();
            ::unlink(temporary.c_str());
            throw InputError(path, "cannot be written: " + why);
        }
    }
    renameDurably(temporary, path);
}

} // namespace inception
