#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace inception {
struct ModelSpec;
}

namespace inception::test {

// A fresh folder under the system's temporary folder, removed with the object.
class TemporaryFolder {
public:
    TemporaryFolder();
    ~TemporaryFolder();
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// One CIFAR-10 binary record: label, then R, G, B planes of 32x32 pixels made by `pixel`.
std::string cifarRecord(std::uint8_t label,
                        const std::function<std::uint8_t(int channel, int y, int x)>& pixel);

// A cifar-10-batches-bin folder with `perBatch` records in each of the six batch files.
// Labels cycle through 0..9; pixel values encode the record's index.
std::filesystem::path writeCifarFolder(const std::filesystem::path& parent, int perBatch);

// A .tar.gz of `members` (path inside the archive, bytes), regular files in that order.
void writeTarGz(const std::filesystem::path& tarball,
                const std::vector<std::pair<std::string, std::string>>& members);
// A .tar.gz holding every file of `folder` under cifar-10-batches-bin/, as the official one.
void writeCifarTarball(const std::filesystem::path& folder, const std::filesystem::path& tarball);

void writeFile(const std::filesystem::path& path, const std::string& bytes);
std::string readFile(const std::filesystem::path& path);

// Whether `text` holds `part`: for error messages checked by their telling part.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The one-line message of the InputError `action` throws, or "(no error)".
std::string errorOf(const std::function<void()>& action);

// A TCP port on 127.0.0.1 that nothing listened on a moment ago.
int freeLoopbackPort();

// A checkpoint of `spec` in `folder` after one short epoch on synthetic data (grey crops of
// the spec's size for one-channel specs), so that batch-norm statistics and weights are not
// the initial ones. Returns its path.
std::filesystem::path trainedCheckpoint(const std::filesystem::path& folder, const ModelSpec& spec);

// The inception-cli under test and the project's sources, from the environment CTest sets
// (INCEPTION_CLI_PATH, INCEPTION_SOURCE_DIR): paths kept out of the compiler's flags, so that
// a build in another folder reuses ccache's objects. Throws when unset.
std::string cliPath();
std::filesystem::path sourceFolder();

// ../shared next to the project, when it is there (the real CIFAR-10 lives in it).
std::filesystem::path sharedFolder();

} // namespace inception::test
