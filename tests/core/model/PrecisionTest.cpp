#include "core/model/Precision.hpp"

#include "core/model/Autocast.hpp"
#include "tests/support/TestSupport.hpp"

#include <gtest/gtest.h>

namespace inception {
namespace {

TEST(PrecisionTest, NamesReadBackAndAnUnknownOneIsNamed) {
    for (Precision p : {Precision::Float32, Precision::BFloat16})
        EXPECT_EQ(parsePrecision(toString(p), "--precision"), p);
    EXPECT_EQ(toString(Precision::BFloat16), "bfloat16");
    EXPECT_EQ(test::errorOf([] { parsePrecision("half", "--precision"); }),
              "--precision: unknown precision 'half' (float32, bfloat16)");
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
