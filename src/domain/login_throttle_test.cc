#include "domain/login_throttle.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

TEST(LoginThrottleTest, BlocksAnAccountAfterTheLimitUntilTheWindowPasses) {
  LoginThrottle t(3, 100, 900);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.RetryAfter("chengdong", "10.0.0.1", 1000 + i), 0);
    t.RecordFailure("chengdong", "10.0.0.1", 1000 + i);
  }
  EXPECT_EQ(t.RetryAfter("chengdong", "10.0.0.2", 1003), 897);  // first failure at 1000 leaves at 1900
  EXPECT_EQ(t.RetryAfter("nanguan", "10.0.0.1", 1003), 0);      // other accounts unaffected
  EXPECT_EQ(t.RetryAfter("chengdong", "10.0.0.1", 1900), 0);
}

TEST(LoginThrottleTest, BlocksAnAddressSprayingManyAccounts) {
  LoginThrottle t(100, 4, 60);
  for (int i = 0; i < 4; ++i) t.RecordFailure("user" + std::to_string(i), "10.9.9.9", 50);
  EXPECT_GT(t.RetryAfter("someone", "10.9.9.9", 51), 0);
  EXPECT_EQ(t.RetryAfter("someone", "10.9.9.8", 51), 0);
}

TEST(LoginThrottleTest, SuccessClearsTheAccount) {
  LoginThrottle t(2, 100, 900);
  t.RecordFailure("admin", "a", 1);
  t.RecordFailure("admin", "a", 2);
  EXPECT_GT(t.RetryAfter("admin", "a", 3), 0);
  t.RecordSuccess("admin");
  EXPECT_EQ(t.RetryAfter("admin", "a", 3), 0);
}

}  // namespace
}  // namespace tuijin::domain
