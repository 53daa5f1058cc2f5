#include "http/router.h"

#include <gtest/gtest.h>

namespace tuijin::http {
namespace {

TEST(RouterTest, MatchesParamsAndPrefersLiterals) {
  Router r;
  r.Add("GET", "/api/v1/users/{id}", 0);
  r.Add("GET", "/api/v1/users/me", 1);
  r.Add("PUT", "/api/v1/users/{id}/password", 2);

  auto m = r.Match("GET", "/api/v1/users/42");
  EXPECT_EQ(m.route, 0);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "id");
  EXPECT_EQ(m.params[0].second, "42");

  EXPECT_EQ(r.Match("GET", "/api/v1/users/me").route, 1);
  EXPECT_EQ(r.Match("PUT", "/api/v1/users/7/password").route, 2);
}

TEST(RouterTest, DistinguishesUnknownPathFromWrongMethod) {
  Router r;
  r.Add("GET", "/api/v1/units", 0);
  auto wrong_method = r.Match("DELETE", "/api/v1/units");
  EXPECT_EQ(wrong_method.route, -1);
  EXPECT_TRUE(wrong_method.path_matched);
  auto unknown = r.Match("GET", "/api/v1/nothing");
  EXPECT_EQ(unknown.route, -1);
  EXPECT_FALSE(unknown.path_matched);
  EXPECT_EQ(r.Match("GET", "/api/v1/units/").route, 0);  // a trailing slash is the same path
}

}  // namespace
}  // namespace tuijin::http
