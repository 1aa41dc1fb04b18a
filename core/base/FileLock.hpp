#pragma once

#include <memory>
#include <string>

namespace inception {

// An advisory lock on a file (flock: local disks and NFSv4), held while the object lives and
// released by the kernel when the process dies, however it dies. Processes that share a
// folder use it to claim work; the file itself stays empty.
class FileLock {
public:
    // The lock when no one else holds it, made with the file when missing; null otherwise.
    // Throws InputError when the file cannot be made.
    static std::unique_ptr<FileLock> tryAcquire(const std::string& path);
    // Whether some process (this one included) holds the lock now.
    static bool isHeld(const std::string& path);

    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    explicit FileLock(int descriptor) : descriptor_(descriptor) {}
    int descriptor_;
};

} // namespace inception
