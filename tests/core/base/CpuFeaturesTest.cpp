#include "core/base/CpuFeatures.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

const char* const kGenoa = "processor\t: 0\n"
                           "vendor_id\t: AuthenticAMD\n"
                           "model name\t: AMD EPYC 9R14 96-Core Processor\n"
                           "flags\t\t: fpu vme avx2 avx512f avx512_bf16 avx512_vnni\n"
                           "\n"
                           "processor\t: 1\n"
                           "model name\t: another name\n";

TEST(CpuFeaturesTest, ReadsTheNameAndTheBf16Flags) {
    const CpuFeatures cpu = parseCpuInfo(kGenoa);
    EXPECT_EQ(cpu.name, "AMD EPYC 9R14 96-Core Processor");
    EXPECT_TRUE(cpu.avx512Bf16);
    EXPECT_FALSE(cpu.amxBf16);
    EXPECT_TRUE(cpu.hasBf16());
    EXPECT_EQ(cpu.bf16Text(), "avx512_bf16");
}

TEST(CpuFeaturesTest, AFlagMustBeAWholeWordAndAbsentOnesAreNotGuessed) {
    const CpuFeatures avx2 = parseCpuInfo("model name : Intel(R) Xeon(R) CPU\n"
                                          "flags : avx2 avx512_bf16x fma amx_tile\n");
    EXPECT_EQ(avx2.name, "Intel(R) Xeon(R) CPU");
    EXPECT_FALSE(avx2.hasBf16());
    EXPECT_EQ(avx2.bf16Text(), "no BF16 instructions");
    const CpuFeatures amx = parseCpuInfo("flags : amx_bf16 amx_tile\n");
    EXPECT_EQ(amx.name, "unknown CPU");
    EXPECT_TRUE(amx.amxBf16);
    EXPECT_TRUE(amx.hasBf16());
}

TEST(CpuFeaturesTest, ThisMachineHasAName) {
    EXPECT_FALSE(thisCpu().name.empty());
}

} // namespace
} // namespace inception
