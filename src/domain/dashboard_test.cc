// The dashboard of a four-project district at the end of June 2026 (序时进度 50%), every
// figure worked out by hand.
#include "domain/dashboard.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

constexpr Fen kWan = kFenPerWan;

DashboardProject Project(int64_t id, std::string level, std::string stage, Fen total, Fen plan) {
  DashboardProject p;
  p.id = id;
  p.facts.level = std::move(level);
  p.facts.stage = std::move(stage);
  p.facts.total_investment = total;
  p.facts.annual_plan = plan;
  for (int m = 0; m < 12; ++m) p.plan_curve[m] = plan * (m + 1) / 12;
  return p;
}

std::vector<DashboardProject> District() {
  // 黄河路快速化改造: 省重点, 在建, 1,200 万 planned, 500 by June (41.7%), 入库.
  DashboardProject road = Project(1, "province", "construction", 80000 * kWan, 1200 * kWan);
  road.star = 5;
  road.lead_unit_id = 10;
  road.facts.category_id = 2;
  road.facts.planned_start = "2026-02";
  road.facts.actual_start = "2026-02-16";
  road.facts.in_stats = true;
  road.amounts[1] = 200 * kWan;
  road.amounts[4] = 300 * kWan;
  road.colour = Colour::kYellow;
  // 南曹再生水厂: 区重点, 在建, 600 万 planned, 60 by June (10%), not 入库: 应统尽统.
  DashboardProject plant = Project(2, "district", "construction", 6000 * kWan, 600 * kWan);
  plant.lead_unit_id = 11;
  plant.facts.category_id = 2;
  plant.facts.planned_start = "2026-03";
  plant.facts.actual_start = "2026-04-02";
  plant.facts.planned_completion = "2026-05";
  plant.amounts[5] = 60 * kWan;
  plant.colour = Colour::kRed;
  // 智慧物流园: 区重点, 前期, planned to start in May, not started: 储备.
  DashboardProject park = Project(3, "district", "preparation", 150000 * kWan, 0);
  park.lead_unit_id = 11;
  park.facts.planned_start = "2026-05";
  park.colour = Colour::kRed;
  // 口袋公园: 区重点, 竣工 in April as planned, 300 万 total (below 500 万: no 入库 needed).
  DashboardProject garden = Project(4, "district", "completed", 300 * kWan, 300 * kWan);
  garden.lead_unit_id = 10;
  garden.facts.planned_start = "2026-01";
  garden.facts.actual_start = "2026-01-10";
  garden.facts.planned_completion = "2026-04";
  garden.facts.actual_completion = "2026-04-28";
  garden.amounts[0] = 100 * kWan;
  garden.amounts[3] = 200 * kWan;
  // 已取消 projects count nowhere.
  DashboardProject cancelled = Project(5, "city", "cancelled", 9000 * kWan, 900 * kWan);
  return {road, plant, park, garden, cancelled};
}

TEST(DashboardTest, TotalsAndGroups) {
  const Dashboard d = Summarize(District(), 2026, 6, Ratio{6, 12});
  EXPECT_EQ(d.all.projects, 4);
  EXPECT_EQ(d.all.total_investment, 236300 * kWan);
  EXPECT_EQ(d.all.annual_plan, 2100 * kWan);
  EXPECT_EQ(d.all.year_to_date, 860 * kWan);
  ASSERT_EQ(d.by_level.size(), 2u);
  EXPECT_EQ(d.by_level[0].key, "level.province");
  EXPECT_EQ(d.by_level[1].key, "level.district");
  EXPECT_EQ(d.by_level[1].projects, 3);
  EXPECT_EQ(d.by_level[1].year_to_date, 360 * kWan);
  ASSERT_EQ(d.by_star.size(), 1u);
  EXPECT_EQ(d.by_star[0].ids, std::vector<int64_t>{1});
  // Units by plan: unit 10 (1,500 万) before unit 11 (600 万).
  ASSERT_EQ(d.by_unit.size(), 2u);
  EXPECT_EQ(d.by_unit[0].key, "unit.10");
  EXPECT_EQ(d.by_unit[0].annual_plan, 1500 * kWan);
  EXPECT_EQ(d.by_unit[1].ids, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(*ProjectsBehind(d, "category.none"), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(*ProjectsBehind(d, "stage.construction"), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(d.by_stage.front().key, "stage.preparation");  // lifecycle order
  EXPECT_EQ(*ProjectsBehind(d, "level.city"), std::vector<int64_t>{});
  EXPECT_FALSE(ProjectsBehind(d, "nonsense"));
}

TEST(DashboardTest, MonthlyCurveStopsAtTheMonth) {
  const Dashboard d = Summarize(District(), 2026, 6, Ratio{6, 12});
  ASSERT_EQ(d.monthly.size(), 12u);
  EXPECT_EQ(d.monthly[0].plan, 175 * kWan);  // 2,100 / 12
  EXPECT_EQ(d.monthly[11].plan, 2100 * kWan);
  EXPECT_EQ(d.monthly[0].actual, 100 * kWan);
  EXPECT_EQ(d.monthly[1].actual, 300 * kWan);
  EXPECT_EQ(d.monthly[4].actual, 800 * kWan);
  EXPECT_EQ(d.monthly[5].actual, 860 * kWan);
  EXPECT_FALSE(d.monthly[6].actual.has_value());
}

TEST(DashboardTest, ColoursLaggingAndRates) {
  const Dashboard d = Summarize(District(), 2026, 6, Ratio{6, 12});
  EXPECT_EQ(*ProjectsBehind(d, "colour.red"), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(*ProjectsBehind(d, "colour.green"), std::vector<int64_t>{4});
  // Gaps: plant 10% − 50% = −40, road 41.7% − 50% = −8.3; the garden is ahead (100%).
  EXPECT_EQ(d.lagging, (std::vector<int64_t>{2, 1}));
  // 开工率: planned to start by June: road, plant, park, garden; started: all but the park.
  EXPECT_EQ(d.start.of, (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(d.start.counted, (std::vector<int64_t>{1, 2, 4}));
  // 竣工率: the plant (May) and the garden (April) were due; the garden is done.
  EXPECT_EQ(*ProjectsBehind(d, "rate.completion.due"), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(*ProjectsBehind(d, "rate.completion.done"), std::vector<int64_t>{4});
  // 入库率: started and ≥ 500 万: road and plant; the road is in: 1 of 2, the plant is the gap.
  EXPECT_EQ(d.stats.of, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(d.stats.counted, std::vector<int64_t>{1});
  EXPECT_EQ(d.stats_gap, std::vector<int64_t>{2});
  // 储备 (前期) 150,000 万 against 在建 86,000 万.
  EXPECT_EQ(d.reserve_total, 150000 * kWan);
  EXPECT_EQ(d.construction_total, 86000 * kWan);
  // Earlier in the year fewer were due: in March only the garden, road and plant.
  const Dashboard march = Summarize(District(), 2026, 3, Ratio{3, 12});
  EXPECT_EQ(march.start.of, (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(march.start.counted, (std::vector<int64_t>{1, 4}));
}

// A locked month's totals read as frozen: the road's 500 万 was 450 万 when June was locked.
TEST(DashboardTest, AFrozenYearToDateCountsInTheTotals) {
  std::vector<DashboardProject> projects = District();
  projects[0].frozen_year_to_date = 450 * kWan;
  const Dashboard d = Summarize(projects, 2026, 6, Ratio{6, 12});
  EXPECT_EQ(d.all.year_to_date, 810 * kWan);
  EXPECT_EQ(d.by_level[0].year_to_date, 450 * kWan);
  EXPECT_EQ(d.monthly[5].actual, 860 * kWan);  // the curve reads the amounts as accepted
}

}  // namespace
}  // namespace tuijin::domain
