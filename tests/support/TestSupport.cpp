#include "tests/support/TestSupport.hpp"

#include "core/base/InputError.hpp"
#include "core/data/readers/SyntheticDataset.hpp"
#include "core/training/CheckpointFiles.hpp"
#include "core/training/Trainer.hpp"

#include <gtest/gtest.h>

#include <archive.h>
#include <archive_entry.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

void writeTarGz(const fs::path& tarball,
                const std::vector<std::pair<std::string, std::string>>& members) {
    archive* out = archive_write_new();
    archive_write_add_filter_gzip(out);
    archive_write_set_format_pax_restricted(out);
    if (archive_write_open_filename(out, tarball.c_str()) != ARCHIVE_OK)
        throw std::runtime_error("cannot write " + tarball.string());
    for (const auto& [name, bytes] : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_write_header(out, entry);
        archive_write_data(out, bytes.data(), bytes.size());
        archive_entry_free(entry);
    }
    archive_write_close(out);
    archive_write_free(out);
}

void writeCifarTarball(const fs::path& folder, const fs::path& tarball) {
    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& file : fs::directory_iterator(folder))
        members.emplace_back("cifar-10-batches-bin/" + file.path().filename().string(),
                             readFile(file.path()));
    writeTarGz(tarball, members);
}

namespace {
std::string requiredEnvironment(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value)
        throw std::runtime_error(std::string(name) + " is not set: run the test through ctest");
    return value;
}
} // namespace

std::string cliPath() {
    return requiredEnvironment("INCEPTION_CLI_PATH");
}

fs::path sourceFolder() {
    return requiredEnvironment("INCEPTION_SOURCE_DIR");
}

fs::path sharedFolder() {
    if (const char* env = std::getenv("INCEPTION_SHARED_DIR"))
        return env;
    return "../shared";
}

int freeLoopbackPort() {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(socket, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(socket);
    return ntohs(address.sin_port);
}

std::filesystem::path trainedCheckpoint(const std::filesystem::path& folder,
                                        const ModelSpec& spec) {
    SyntheticOptions options;
    options.trainPerClass = 4;
    Dataset synthetic = makeSyntheticDataset(options);
    if (spec.input.channels == 1) // grey crops of the spec's size, as Fashion-MNIST
        for (DatasetSplit* split : {&synthetic.train, &synthetic.test})
            split->images = split->images.to(torch::kFloat32)
                                .mean(3, true)
                                .slice(1, 0, spec.input.height)
                                .slice(2, 0, spec.input.width)
                                .to(torch::kUInt8)
                                .contiguous();
    auto data = std::make_shared<const Dataset>(std::move(synthetic));
    TrainingConfig config;
    config.epochs = 1;
    config.batchSize = 16;
    config.threads = 2;
    Trainer trainer(spec, config, data);
    trainer.setCheckpointDirectory(folder.string());
    TrainingControl control;
    EXPECT_EQ(trainer.run(control).status, RunStatus::Finished);
    return folder / checkpointFileName(RunCheckpoint::Last);
}

} // namespace inception::test
