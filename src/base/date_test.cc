#include "base/date.h"

#include <gtest/gtest.h>

namespace tuijin {
namespace {

TEST(DateTest, NormalizesWhatPeopleTypeInLedgers) {
  EXPECT_EQ(NormalizeDate("2023-03-15"), "2023-03-15");
  EXPECT_EQ(NormalizeDate("2023/3/15"), "2023-03-15");
  EXPECT_EQ(NormalizeDate("2023.3.5"), "2023-03-05");
  EXPECT_EQ(NormalizeDate("2023.3"), "2023-03");
  EXPECT_EQ(NormalizeDate("2023.12"), "2023-12");
  EXPECT_EQ(NormalizeDate("2023-3"), "2023-03");
  EXPECT_EQ(NormalizeDate("2023年3月"), "2023-03");
  EXPECT_EQ(NormalizeDate("2023年3月15日"), "2023-03-15");
  EXPECT_EQ(NormalizeDate("2023年03月"), "2023-03");
  EXPECT_EQ(NormalizeDate("20230315"), "2023-03-15");
  EXPECT_EQ(NormalizeDate(" 2024/02/29 "), "2024-02-29");
}

TEST(DateTest, ExcelSerialDaysInThe1900System) {
  EXPECT_EQ(NormalizeDate("45000"), "2023-03-15");
  EXPECT_EQ(NormalizeDate("45000.5"), "2023-03-15");  // time of day ignored
  EXPECT_EQ(NormalizeDate("61"), "1900-03-01");
  EXPECT_EQ(NormalizeDate("43831"), "2020-01-01");
  EXPECT_FALSE(NormalizeDate("45000", false));
}

TEST(DateTest, ExcelSerialDaysInThe1904SystemOfOlderMacFiles) {
  EXPECT_EQ(NormalizeDate("43538", true, /*date1904=*/true), "2023-03-15");  // 1,462 days less
  EXPECT_EQ(NormalizeDate("0", true, true), "1904-01-01");
  const CivilDate d{2026, 3, 15};
  EXPECT_EQ(ExcelSerialFromCivil(d, false) - ExcelSerialFromCivil(d, true), 1462);
  EXPECT_EQ(ExcelSerialFromCivil({1900, 3, 1}, false), 61);
  EXPECT_EQ(ExcelSerialFromCivil({1900, 1, 1}, false), 1);
  auto back = CivilFromExcelSerial(ExcelSerialFromCivil(d, true), true);
  ASSERT_TRUE(back);
  EXPECT_EQ(FormatDate(*back), "2026-03-15");
  EXPECT_FALSE(CivilFromExcelSerial(60, false));  // Excel's 1900-02-29, which never was
}

TEST(DateTest, DaysInMonthKnowsLeapYears) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
  EXPECT_EQ(CivilFromDays(DaysFromCivil(2026, 11, 23)).day, 23);
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
}

TEST(DateTest, RejectsImpossibleOrAmbiguousDates) {
  EXPECT_FALSE(NormalizeDate("2023-02-29"));
  EXPECT_FALSE(NormalizeDate("2023/13/1"));
  EXPECT_FALSE(NormalizeDate("2023-03/15"));
  EXPECT_FALSE(NormalizeDate("15/3/2023"));
  EXPECT_FALSE(NormalizeDate("明年三月"));
  EXPECT_FALSE(NormalizeDate(""));
  EXPECT_FALSE(NormalizeDate("2023年3月15"));
}

TEST(DateTest, StrictIso) {
  ASSERT_TRUE(ParseIsoDate("2026-11-23"));
  EXPECT_EQ(ParseIsoDate("2026-11")->day, 0);
  EXPECT_FALSE(ParseIsoDate("2026-11-31"));
  EXPECT_FALSE(ParseIsoDate("2026/11/23"));
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(FormatDate(CivilFromDays(DaysFromCivil(2024, 2, 29))), "2024-02-29");
}

}  // namespace
}  // namespace tuijin
