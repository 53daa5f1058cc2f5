#include "base/time.h"

#include <gtest/gtest.h>

namespace tuijin {
namespace {

TEST(TimeTest, FormatsInChinaStandardTime) {
  // 2025-12-31T16:30:00Z is already New Year's Day in +08:00.
  EXPECT_EQ(FormatTimestamp(1767198600), "2026-01-01T00:30:00+08:00");
  EXPECT_EQ(FormatDate(1767198600), "2026-01-01");
  EXPECT_EQ(FormatDate(1767198600 - 3600), "2025-12-31");
}

}  // namespace
}  // namespace tuijin
