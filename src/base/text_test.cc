#include "base/text.h"

#include <gtest/gtest.h>

namespace tuijin {
namespace {

TEST(TextTest, Utf8PrefixNeverCutsACharacter) {
  EXPECT_EQ(Utf8Prefix("云河区", 9), "云河区");
  EXPECT_EQ(Utf8Prefix("云河区", 8), "云河");  // 区 is three bytes
  EXPECT_EQ(Utf8Prefix("云河区", 6), "云河");
  EXPECT_EQ(Utf8Prefix("ab云", 3), "ab");
  EXPECT_EQ(Utf8Prefix("abc", 0), "");
  EXPECT_EQ(Utf8Length("城东路街道"), 5u);
}

}  // namespace
}  // namespace tuijin
