#include "base/status.h"

#include <gtest/gtest.h>

namespace tuijin {
namespace {

StatusOr<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidArgument("number.odd", "奇数不能平分");
  return n / 2;
}

StatusOr<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  return Half(half);
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  StatusOr<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().error_code(), "number.odd");
}

TEST(StatusTest, InvalidCarriesFieldMessages) {
  Status s = Status::Invalid({{"username", "必填"}});
  s.WithField("role", "未知角色");
  EXPECT_EQ(s.error_code(), "validation.failed");
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields().at("role"), "未知角色");
}

}  // namespace
}  // namespace tuijin
