#include "domain/account.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

TEST(AccountTest, RolesRoundTrip) {
  for (const char* name : {"admin", "staff", "unit", "leader", "expert"}) {
    auto role = ParseRole(name);
    ASSERT_TRUE(role.has_value()) << name;
    EXPECT_EQ(RoleName(*role), name);
  }
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(AccountTest, UnitKinds) {
  EXPECT_TRUE(IsUnitKind("street"));
  EXPECT_TRUE(IsUnitKind("superior"));
  EXPECT_FALSE(IsUnitKind("街道"));
}

TEST(AccountTest, UsernameRules) {
  EXPECT_EQ(CheckUsername("chengdong"), "");
  EXPECT_EQ(CheckUsername("fgw.xmk-01"), "");
  EXPECT_NE(CheckUsername("a"), "");
  EXPECT_NE(CheckUsername("ChengDong"), "");
  EXPECT_NE(CheckUsername("城东"), "");
}

TEST(AccountTest, PasswordRulesCountCharactersNotBytes) {
  EXPECT_EQ(CheckPassword("Yunhe@2026", "admin"), "");
  EXPECT_NE(CheckPassword("short", "admin"), "");
  EXPECT_NE(CheckPassword("chengdong", "chengdong"), "");
  // Seven Chinese characters are 21 bytes but still too short.
  EXPECT_NE(CheckPassword("云河区发改委好", "admin"), "");
  EXPECT_EQ(CheckPassword("云河区发改委你好", "admin"), "");
  EXPECT_EQ(CheckPassword("Tuijin@2026", "chengdong"), "");  // the demo accounts' password
}

TEST(AccountTest, PasswordNotGuessable) {
  EXPECT_EQ(CheckPassword("Chengdong2026", "chengdong"), "密码不能包含用户名");  // any case
  EXPECT_EQ(CheckPassword("Qwerty123", "fgw"), "该密码过于常见,容易被猜到,请换一个");
  EXPECT_EQ(CheckPassword("88888888", "fgw"), "该密码过于常见,容易被猜到,请换一个");
  EXPECT_EQ(CheckPassword("aaaaaaaaaa", "fgw"), "密码不能由同一个字符重复组成");
  EXPECT_EQ(CheckPassword("li@Yunhe2026", "li"), "");  // a two-letter name may occur by chance
  EXPECT_NE(CheckPassword("li", "li"), "");
}

TEST(AccountTest, DisplayName) {
  EXPECT_EQ(CheckDisplayName("张明"), "");
  EXPECT_NE(CheckDisplayName(""), "");
  EXPECT_NE(CheckDisplayName(std::string(51 * 3, 'a')), "");
}

}  // namespace
}  // namespace tuijin::domain
