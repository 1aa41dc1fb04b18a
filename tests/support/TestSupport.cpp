#include "tests/support/TestSupport.hpp"

#include "core/InputError.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace inception::test {

namespace fs = std::filesystem;

TemporaryFolder::TemporaryFolder() {
    std::random_device entropy;
    path_ = fs::temp_directory_path() / ("inception-test-" + std::to_string(entropy()));
    fs::create_directories(path_);
}

TemporaryFolder::~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string cifarRecord(std::uint8_t label,
                        const std::function<std::uint8_t(int, int, int)>& pixel) {
    std::string record(1 + 3 * 32 * 32, '\0');
    record[0] = static_cast<char>(label);
    for (int c = 0; c < 3; ++c)
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x)
                record[1 + c * 1024 + y * 32 + x] = static_cast<char>(pixel(c, y, x));
    return record;
}

std::filesystem::path writeCifarFolder(const fs::path& parent, int perBatch) {
    const fs::path folder = parent / "cifar-10-batches-bin";
    fs::create_directories(folder);
    const char* files[] = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                           "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};
    int index = 0;
    for (const char* file : files) {
        std::string bytes;
        for (int r = 0; r < perBatch; ++r, ++index)
            bytes += cifarRecord(static_cast<std::uint8_t>(index % 10), [&](int c, int y, int x) {
                return static_cast<std::uint8_t>((index * 7 + c * 50 + y + x) % 256);
            });
        writeFile(folder / file, bytes);
    }
    writeFile(folder / "batches.meta.txt",
              "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
    return folder;
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return e.oneLine();
    }
    return "(no error)";
}

fs::path sharedFolder() {
    if (const char* env = std::getenv("INCEPTION_SHARED_DIR"))
        return env;
    return "../shared";
}

} // namespace inception::test
