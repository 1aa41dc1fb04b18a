#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inception {

// CIFAR-10's binary release as bytes, read and checked without LibTorch (the fuzz build reads
// it so): records are 1 label byte + 1024 R, 1024 G, 1024 B bytes.
inline constexpr int kCifar10Side = 32;
inline constexpr std::int64_t kCifar10RecordBytes = 1 + 3 * kCifar10Side * kCifar10Side;

// One batch file, checked: a whole number of records, every label within the classes.
struct Cifar10Batch {
    std::string where; // the file, or tarball:member
    std::string bytes;
    std::int64_t records = 0;
};

struct Cifar10Release {
    std::string where; // the folder or tarball read
    std::vector<std::string> classNames;
    std::vector<Cifar10Batch> train; // data_batch_1.bin to data_batch_5.bin
    Cifar10Batch test;               // test_batch.bin
};

// The release from a `cifar-10-batches-bin` folder (or the folder holding one) or straight
// from `cifar-10-binary.tar.gz`. Throws InputError naming the file and what is wrong.
Cifar10Release readCifar10Release(const std::string& path);
// Why `path` is no CIFAR-10 release, from the names of its files alone; empty when it looks
// like one.
std::string cifar10Problem(const std::string& path);

// CIFAR-10's classes in label order (batches.meta.txt of the official release).
std::vector<std::string> cifar10ClassNames();

} // namespace inception
