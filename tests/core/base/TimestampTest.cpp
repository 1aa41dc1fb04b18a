#include "core/base/Timestamp.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

namespace inception {
namespace {

TEST(TimestampTest, IsIso8601InUtcAndNow) {
    const std::string now = utcTimestamp();
    EXPECT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << now;
    const auto year = std::chrono::year_month_day(
                          std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()))
                          .year();
    EXPECT_EQ(std::stoi(now.substr(0, 4)), static_cast<int>(year));
}

} // namespace
} // namespace inception
