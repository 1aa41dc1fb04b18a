#include "core/model/Precision.hpp"

#include "core/base/CpuFeatures.hpp"
#include "core/model/Autocast.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(PrecisionTest, NamesReadBackAndAnUnknownOneIsNamed) {
    for (Precision p : {Precision::Float32, Precision::BFloat16, Precision::Auto})
        EXPECT_EQ(parsePrecision(toString(p), "--precision"), p);
    EXPECT_EQ(toString(Precision::BFloat16), "bfloat16");
    EXPECT_EQ(test::errorOf([] { parsePrecision("half", "--precision"); }),
              "--precision: unknown precision 'half' (float32, bfloat16, auto)");
}

TEST(PrecisionTest, AutoPicksBFloat16OnlyWhereTheCpuHasTheInstructions) {
    const CpuFeatures withAvx512 = parseCpuInfo("model name : Fast\nflags : avx512_bf16\n");
    const CpuFeatures withAmx = parseCpuInfo("model name : Tiles\nflags : amx_bf16\n");
    const CpuFeatures without = parseCpuInfo("model name : Plain\nflags : avx2 fma\n");
    EXPECT_EQ(choosePrecision(Precision::Auto, withAvx512, "cpu"),
              (PrecisionChoice{Precision::BFloat16, "auto: Fast has avx512_bf16"}));
    EXPECT_EQ(choosePrecision(Precision::Auto, withAmx, "cpu").precision, Precision::BFloat16);
    EXPECT_EQ(choosePrecision(Precision::Auto, without, "cpu"),
              (PrecisionChoice{Precision::Float32, "auto: Plain has no BF16 instructions"}));
    EXPECT_EQ(choosePrecision(Precision::Auto, withAvx512, "cuda").precision, Precision::Float32);
    // What was asked for explicitly stands, even where it is slow.
    EXPECT_EQ(choosePrecision(Precision::BFloat16, without, "cpu"),
              (PrecisionChoice{Precision::BFloat16, "asked for"}));
    EXPECT_EQ(choosePrecision(Precision::Float32, withAvx512, "cpu").precision, Precision::Float32);
}

TEST(PrecisionTest, TheAutocastScopeTurnsBFloat16OnAndRestoresTheThread) {
    ASSERT_FALSE(at::autocast::is_cpu_enabled());
    {
        const AutocastScope scope(Precision::BFloat16);
        EXPECT_TRUE(at::autocast::is_cpu_enabled());
        EXPECT_EQ(at::autocast::get_autocast_cpu_dtype(), at::kBFloat16);
    }
    EXPECT_FALSE(at::autocast::is_cpu_enabled());
    {
        const AutocastScope scope(Precision::Float32);
        EXPECT_FALSE(at::autocast::is_cpu_enabled());
    }
}

} // namespace
} // namespace inception
