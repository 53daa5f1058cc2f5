#include "domain/rate_limiter.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

TEST(RateLimiterTest, CountsEachClientInItsWindow) {
  RateLimiter limit(3, 60);
  EXPECT_EQ(limit.Admit("u:7", 1000), 0);
  EXPECT_EQ(limit.Admit("u:7", 1010), 0);
  EXPECT_EQ(limit.Admit("u:7", 1020), 0);
  EXPECT_EQ(limit.Admit("u:7", 1030), 30);  // the first leaves the window at 1060
  EXPECT_EQ(limit.Admit("u:8", 1030), 0);   // another client is not held up
  EXPECT_EQ(limit.Admit("u:7", 1060), 0);   // a refused request was not counted
  EXPECT_EQ(limit.Admit("u:7", 1061), 9);
}

}  // namespace
}  // namespace tuijin::domain
