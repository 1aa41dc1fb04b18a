// A cifar-10-batches-bin folder: the input's seven pieces (split at 0x1e) are
// data_batch_1.bin to data_batch_5.bin, test_batch.bin and batches.meta.txt.
#include "core/data/readers/Cifar10Files.hpp"
#include "tests/fuzz/FuzzSupport.hpp"

using namespace inception;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kNames[] = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                         "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin",
                                         "batches.meta.txt"};
    const auto pieces = fuzz::splitInput(data, size, 7);
    const auto folder = fuzz::freshFolder("cifar-10-batches-bin");
    for (std::size_t i = 0; i < pieces.size(); ++i)
        fuzz::writeScratch(std::string("cifar-10-batches-bin/") + kNames[i], pieces[i]);
    fuzz::acceptOrRefuse([&] { readCifar10Release(folder.string()); });
    return 0;
}
