#include "domain/plan_rules.h"

#include <gtest/gtest.h>

#include "domain/reporting.h"

namespace tuijin::domain {
namespace {

constexpr Fen kWan = kFenPerWan;

// 南曹再生水厂一期工程: 2026 年度计划投资 12000 万元, front-loaded before the rainy season.
PlanValues SewagePlant() {
  PlanValues v;
  v.amount = 12000 * kWan;
  v.goals = {"完成主体结构50%", "主体结构封顶", "设备安装完成60%", "通水调试"};
  v.planned_start = "2026-03";
  v.planned_completion = "2026-12-28";
  return v;
}

TEST(PlanRulesTest, AcceptsAPlanWithinItsYear) {
  EXPECT_TRUE(CheckPlan(SewagePlant(), 2026).empty());
  PlanValues v = SewagePlant();
  v.curve = {500 * kWan,  1200 * kWan, 2500 * kWan,  4000 * kWan,  5500 * kWan,  7000 * kWan,
             8000 * kWan, 9000 * kWan, 10000 * kWan, 11000 * kWan, 11500 * kWan, 12000 * kWan};
  EXPECT_TRUE(CheckPlan(v, 2026).empty());
  v.planned_completion = "2026-03";  // the same month as a day of it: fine
  v.planned_start = "2026-03-15";
  EXPECT_TRUE(CheckPlan(v, 2026).empty());
}

TEST(PlanRulesTest, NamesEveryBadField) {
  PlanValues v = SewagePlant();
  v.amount = -1;
  v.planned_start = "2025-11";
  v.planned_completion = "2026/12";
  v.goals[2] = std::string(kMaxGoalChars + 1, 'x');
  const auto errors = CheckPlan(v, 2026);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors.at("amount"), "年度计划投资不能为负数");
  EXPECT_NE(errors.at("planned_start").find("2026"), std::string::npos);
  EXPECT_NE(errors.at("planned_completion").find("YYYY-MM"), std::string::npos);
  EXPECT_NE(errors.at("goals.2").find("第3季度"), std::string::npos);
}

TEST(PlanRulesTest, CompletionBeforeStartIsRefused) {
  PlanValues v = SewagePlant();
  v.planned_start = "2026-09";
  v.planned_completion = "2026-06-30";
  EXPECT_EQ(CheckPlan(v, 2026).at("planned_completion"), "计划竣工不能早于计划开工");
}

TEST(PlanRulesTest, CurveErrorsNameTheMonth) {
  PlanValues v = SewagePlant();
  v.curve = LinearCurve(v.amount);
  v.curve[4] = v.curve[3] - 1;  // May below April
  v.curve[11] = 11000 * kWan;   // not ending at the annual plan
  const auto errors = CheckPlan(v, 2026);
  EXPECT_TRUE(errors.count("curve.5"));
  EXPECT_NE(errors.at("curve.5").find("少于4月"), std::string::npos);
  EXPECT_NE(errors.at("curve.12").find("12,000.00 万元"), std::string::npos) << errors.at("curve.12");
  v.curve.resize(11);
  EXPECT_EQ(CheckPlan(v, 2026).count("curve"), 1u);
}

TEST(PlanRulesTest, LinearCurveIsKeptAsEmpty) {
  const Fen amount = 7 * kWan + 5;  // not divisible by 12: the linear curve floors
  EXPECT_TRUE(NormalizeCurve(LinearCurve(amount), amount).empty());
  std::vector<Fen> shaped = LinearCurve(amount);
  shaped[0] = 0;
  EXPECT_EQ(NormalizeCurve(shaped, amount), shaped);
  PlanValues v;
  v.amount = amount;
  EXPECT_EQ(EffectiveCurve(v), LinearCurve(amount));
  EXPECT_EQ(EffectiveCurve(v).back(), amount);
}

TEST(PlanRulesTest, QuartersOfACurve) {
  EXPECT_EQ(QuarterAmounts(LinearCurve(12000 * kWan)),
            (std::array<Fen, 4>{3000 * kWan, 3000 * kWan, 3000 * kWan, 3000 * kWan}));
  const std::vector<Fen> shaped = {0, 0, 500, 1500, 3000, 4500, 6000, 7500, 9000, 10500, 11500, 12000};
  EXPECT_EQ(QuarterAmounts(shaped), (std::array<Fen, 4>{500, 4000, 4500, 3000}));
  EXPECT_EQ(QuarterAmounts({}), (std::array<Fen, 4>{}));
}

// A plan table's 分季度计划 of the sewage plant (front-loaded before the rainy season) becomes
// a monthly curve spread within each quarter, and gives the same quarters back.
TEST(PlanRulesTest, CurveFromQuartersSpreadsEachQuarterOverItsMonths) {
  const std::array<Fen, 4> quarters = {1500 * kWan, 4500 * kWan, 4000 * kWan, 2000 * kWan};
  const std::vector<Fen> curve = CurveFromQuarters(quarters);
  EXPECT_EQ(curve, (std::vector<Fen>{500 * kWan, 1000 * kWan, 1500 * kWan, 3000 * kWan, 4500 * kWan, 6000 * kWan,
                                     7333'333'333, 8666'666'666, 10000 * kWan, 10666'666'666, 11333'333'333,
                                     12000 * kWan}));
  EXPECT_EQ(QuarterAmounts(curve), quarters);
  EXPECT_TRUE(CheckCurve(curve, 12000 * kWan).empty());
  // Even quarters of an amount that divides by 12 are the linear curve, kept as empty.
  EXPECT_TRUE(NormalizeCurve(CurveFromQuarters({3000 * kWan, 3000 * kWan, 3000 * kWan, 3000 * kWan}), 12000 * kWan)
                  .empty());
  // Fen that do not divide by three are rounded down within the quarter, which ends on its amount.
  EXPECT_EQ(CurveFromQuarters({1, 0, 0, 2}), (std::vector<Fen>{0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3}));
}

TEST(PlanRulesTest, CurveTextRoundTrips) {
  const std::vector<Fen> c = LinearCurve(12000 * kWan);
  EXPECT_EQ(CurveFromText(CurveToText(c)), c);
  EXPECT_EQ(CurveToText({}), "");
  EXPECT_EQ(CurveFromText(""), std::vector<Fen>{});
  EXPECT_FALSE(CurveFromText("1,2,3"));
  EXPECT_FALSE(CurveFromText("1,2,3,4,5,6,7,8,9,10,11,x"));
  EXPECT_FALSE(CurveFromText("1,2,3,4,5,6,7,8,9,10,11,"));
}

TEST(PlanRulesTest, AnIssuedPlanNeedsAReasonToChange) {
  EXPECT_TRUE(CheckAdjustmentReason(PlanState::kDraft, std::nullopt).empty());
  EXPECT_FALSE(CheckAdjustmentReason(PlanState::kIssued, std::nullopt).empty());
  EXPECT_FALSE(CheckAdjustmentReason(PlanState::kIssued, std::string("  ")).empty());
  EXPECT_TRUE(CheckAdjustmentReason(PlanState::kIssued, std::string("征地拆迁滞后,调减年度计划")).empty());
  EXPECT_EQ(ParsePlanState("issued"), PlanState::kIssued);
  EXPECT_EQ(PlanStateName(PlanState::kDraft), "draft");
  EXPECT_FALSE(ParsePlanState("approved"));
}

TEST(PlanRulesTest, ReconcilesTheDistrictTargetWithUnitsAndProjects) {
  // 开发区 185 亿 matches its projects; 住建局 is 2 亿 short; 南关街道 has plans but no target.
  const std::vector<UnitTargetFigures> units = {
      {1, 1'850'000 * kWan, 1'850'000 * kWan},
      {2, 900'000 * kWan, 920'000 * kWan},
      {3, std::nullopt, 35'000 * kWan},
      {4, std::nullopt, 0},
  };
  const auto r = ReconcileTargets(2'800'000 * kWan, units);
  EXPECT_EQ(r.units_sum, 2'750'000 * kWan);
  EXPECT_EQ(r.district_difference, 50'000 * kWan);
  EXPECT_EQ(r.differences, (std::vector<Fen>{0, -20'000 * kWan, -35'000 * kWan, 0}));
  EXPECT_EQ(r.mismatched_units, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(ReconcileTargets(std::nullopt, units).district_difference, 0);
  EXPECT_EQ(ReconcileTargets(r.units_sum, units).district_difference, 0);
}

}  // namespace
}  // namespace tuijin::domain
