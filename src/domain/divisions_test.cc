#include "domain/divisions.h"

#include <gtest/gtest.h>

#include "domain/project_rules.h"

namespace tuijin::domain {
namespace {

TEST(DivisionsTest, ShipsTheCountyLevelList) {
  EXPECT_GT(DivisionCount(), 3000u);  // provinces, cities and about 2,800 counties
  EXPECT_EQ(DivisionName("410104"), "管城回族区");
  EXPECT_EQ(DivisionName("410106"), "上街区");
  EXPECT_TRUE(IsDivision("410100"));  // 郑州市
  EXPECT_TRUE(IsDivision("410000"));  // 河南省
  EXPECT_FALSE(IsDivision("419999"));
}

TEST(DivisionsTest, ProjectCodesFromTheSeeds) {
  // 上街区's example code from the 2020 work summary.
  EXPECT_EQ(CheckProjectCode("2020-410106-78-01-038658", IsDivision), "");
  EXPECT_NE(CheckProjectCode("2020-419999-78-01-038658", IsDivision), "");
}

}  // namespace
}  // namespace tuijin::domain
