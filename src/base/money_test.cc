#include "base/money.h"

#include <gtest/gtest.h>

namespace tuijin {
namespace {

TEST(MoneyTest, ParsesAmountsInEachUnitExactly) {
  EXPECT_EQ(ParseAmount("12345.67", MoneyUnit::kWanYuan), 12'345'670'000);
  EXPECT_EQ(ParseAmount("1", MoneyUnit::kWanYuan), 1'000'000);
  EXPECT_EQ(ParseAmount("3286", MoneyUnit::kYiYuan), 32'860'000'000'000);
  EXPECT_EQ(ParseAmount("599.6", MoneyUnit::kYiYuan), 5'996'000'000'000);
  EXPECT_EQ(ParseAmount("0.01", MoneyUnit::kYuan), 1);
  EXPECT_EQ(ParseAmount("1,234,567.89", MoneyUnit::kYuan), 123'456'789);
  EXPECT_EQ(ParseAmount("-50", MoneyUnit::kWanYuan), -50'000'000);
  EXPECT_EQ(ParseAmount(" 800 ", MoneyUnit::kWanYuan), 800'000'000);
}

TEST(MoneyTest, SpreadsheetArtifactsRoundAtTheFen) {
  // 0.1 + 0.2 as Excel writes it.
  EXPECT_EQ(ParseAmount("0.30000000000000004", MoneyUnit::kYuan), 30);
  EXPECT_EQ(ParseAmount("12345.670000000001", MoneyUnit::kWanYuan), 12'345'670'000);
  EXPECT_EQ(ParseAmount("0.005", MoneyUnit::kYuan), 1);     // half rounds away from zero
  EXPECT_EQ(ParseAmount("0.0049", MoneyUnit::kYuan), 0);
  EXPECT_EQ(ParseAmount("-0.005", MoneyUnit::kYuan), -1);
  EXPECT_EQ(ParseAmount("1.2E+3", MoneyUnit::kWanYuan), 1'200'000'000);
  EXPECT_EQ(ParseAmount("1.5e-2", MoneyUnit::kYuan), 2);
}

TEST(MoneyTest, RejectsNonNumbersAndOverflow) {
  EXPECT_FALSE(ParseAmount("", MoneyUnit::kYuan));
  EXPECT_FALSE(ParseAmount("十万", MoneyUnit::kYuan));
  EXPECT_FALSE(ParseAmount("12.3.4", MoneyUnit::kYuan));
  EXPECT_FALSE(ParseAmount("1e", MoneyUnit::kYuan));
  EXPECT_FALSE(ParseAmount("99999999999999999999", MoneyUnit::kYiYuan));
  EXPECT_FALSE(ParseAmount(",100", MoneyUnit::kYuan));
}

TEST(MoneyTest, FormatsWithSeparatorsAndRounding) {
  EXPECT_EQ(FormatAmount(12'345'670'000, MoneyUnit::kWanYuan), "12,345.67");
  EXPECT_EQ(FormatAmount(12'345'675'000, MoneyUnit::kWanYuan), "12,345.68");
  EXPECT_EQ(FormatAmount(32'860'000'000'000, MoneyUnit::kYiYuan), "3,286.00");
  EXPECT_EQ(FormatAmount(-150, MoneyUnit::kYuan), "-1.50");
  EXPECT_EQ(FormatAmount(0, MoneyUnit::kWanYuan), "0.00");
  EXPECT_EQ(FormatAmount(1'234'567, MoneyUnit::kYuan, 0, false), "12346");
  EXPECT_EQ(FormatAmount(123, MoneyUnit::kYuan, 4), "1.23");  // fen has only two places
}

}  // namespace
}  // namespace tuijin
