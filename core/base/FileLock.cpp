#include "core/base/FileLock.hpp"

#include "core/base/InputError.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace inception {

std::unique_ptr<FileLock> FileLock::tryAcquire(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor < 0)
        throw InputError(path, std::string("cannot make the lock file: ") + std::strerror(errno));
    if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
        ::close(descriptor);
        return nullptr;
    }
    return std::unique_ptr<FileLock>(new FileLock(descriptor));
}

bool FileLock::isHeld(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return false; // no file: never locked
    const bool held = ::flock(descriptor, LOCK_SH | LOCK_NB) != 0;
    ::close(descriptor); // releases the shared lock taken to test
    return held;
}

FileLock::~FileLock() {
    ::close(descriptor_);
}

} // namespace inception
