// Rankings of three streets with a 1,000 万元 target each, month by month: ranks with ties,
// movement, the escalation ladder with a month that breaks the run, and a quarter's scores
// and awards, every figure worked out by hand.
#include "domain/ranking.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

constexpr Fen kWan = kFenPerWan;
constexpr int64_t kChengdong = 1, kNanguan = 2, kBeiguan = 3;

// Accepted 万元 by month: 城东路 100 a month; 南关 80, 80, 0, 300; 北关 50, 50, 200, 0.
std::vector<UnitYear> Streets() {
  auto unit = [](int64_t id, std::vector<int> wan) {
    UnitYear u;
    u.unit_id = id;
    u.target = 1000 * kWan;
    for (size_t m = 0; m < wan.size(); ++m) u.amounts[m] = wan[m] * kWan;
    return u;
  };
  return {unit(kChengdong, {100, 100, 100, 100}), unit(kNanguan, {80, 80, 0, 300}), unit(kBeiguan, {50, 50, 200, 0})};
}

const RankedUnit& Of(const std::vector<RankedUnit>& ranked, int64_t id) {
  for (const auto& r : ranked) {
    if (r.unit_id == id) return r;
  }
  ADD_FAILURE() << "unit " << id << " not ranked";
  return ranked.front();
}

TEST(RankingTest, MonthlyRanksWithTiesAndMovement) {
  const RankingSettings s;
  const auto jan = RankMonth(Streets(), 1, s);
  EXPECT_EQ(jan[0].unit_id, kChengdong);
  EXPECT_EQ(jan[0].completion, 1000);  // 10.00%
  EXPECT_EQ(Of(jan, kBeiguan).rank, 3);
  EXPECT_FALSE(jan[0].previous_rank.has_value());
  // March: 城东路 300 and 北关 300 tie for first (30%), 南关 160 (16%) is third.
  const auto march = RankMonth(Streets(), 3, s);
  EXPECT_EQ(Of(march, kChengdong).rank, 1);
  EXPECT_EQ(Of(march, kBeiguan).rank, 1);
  EXPECT_EQ(Of(march, kNanguan).rank, 3);
  EXPECT_EQ(Of(march, kBeiguan).previous_rank, 3);
  // April: 南关 460 (46%) first from third.
  const auto april = RankMonth(Streets(), 4, s);
  EXPECT_EQ(april[0].unit_id, kNanguan);
  EXPECT_EQ(april[0].previous_rank, 3);
  EXPECT_EQ(HundredthsText(april[0].value), "46.00%");
}

TEST(RankingTest, ConsecutiveLastPlacesWalkTheLadderAndABreakStartsAgain) {
  const RankingSettings s;
  // 北关 last in January and February, 南关 in March (breaking 北关's run), 北关 again in April.
  EXPECT_EQ(Of(RankMonth(Streets(), 1, s), kBeiguan).escalation, "通报批评");
  const auto feb = RankMonth(Streets(), 2, s);
  EXPECT_EQ(Of(feb, kBeiguan).last_place_run, 2);
  EXPECT_EQ(Of(feb, kBeiguan).escalation, "分管领导约谈");
  EXPECT_FALSE(Of(feb, kNanguan).escalation.has_value());
  const auto march = RankMonth(Streets(), 3, s);
  EXPECT_EQ(Of(march, kBeiguan).last_place_run, 0);
  EXPECT_FALSE(Of(march, kBeiguan).escalation.has_value());
  EXPECT_EQ(Of(march, kNanguan).escalation, "通报批评");
  const auto april = RankMonth(Streets(), 4, s);
  EXPECT_EQ(Of(april, kBeiguan).last_place_run, 1);
  EXPECT_EQ(Of(april, kBeiguan).escalation, "通报批评");
  EXPECT_EQ(Of(april, kNanguan).last_place_run, 0);
}

TEST(RankingTest, ARunLongerThanTheLadderStaysOnItsLastStep) {
  std::vector<UnitYear> units = Streets();
  units[2].amounts = {};  // 北关 reports nothing all year
  const RankingSettings s;
  EXPECT_EQ(Of(RankMonth(units, 3, s), kBeiguan).escalation, "主要领导约谈");
  EXPECT_EQ(Of(RankMonth(units, 4, s), kBeiguan).last_place_run, 4);
  EXPECT_EQ(Of(RankMonth(units, 4, s), kBeiguan).escalation, "主要领导约谈");
}

TEST(RankingTest, GrowthAndComposite) {
  std::vector<UnitYear> units = Streets();
  units[0].last_year = {200 * kWan, 0, 0, 0};  // 城东路: 100 against 200 last January: −50%
  units[1].last_year = {40 * kWan, 0, 0, 0};   // 南关: 80 against 40: +100%
  RankingSettings s;
  s.metric = RankingMetric::kGrowth;
  const auto jan = RankMonth(units, 1, s);
  EXPECT_EQ(jan[0].unit_id, kNanguan);
  EXPECT_EQ(jan[0].growth, 10000);
  EXPECT_EQ(Of(jan, kChengdong).growth, -5000);
  EXPECT_FALSE(Of(jan, kBeiguan).growth.has_value());  // nothing last year: no growth, counts 0
  EXPECT_EQ(Of(jan, kChengdong).rank, 3);
  s.metric = RankingMetric::kComposite;  // 70% completion, 30% growth
  const auto mixed = RankMonth(units, 1, s);
  EXPECT_EQ(Of(mixed, kNanguan).value, (800 * 70 + 10000 * 30) / 100);
  EXPECT_EQ(Of(mixed, kChengdong).value, (1000 * 70 - 5000 * 30) / 100);
}

TEST(RankingTest, QuarterScoresAndAwards) {
  // Monthly scores (best = 100 points): Jan and Feb 100 / 80 / 50; March 城东路 and 北关 30%
  // (100), 南关 16% (53.33). Inspection: 城东路 90, 南关 80, 北关 none.
  const auto q = ScoreQuarter(Streets(), 1, {{kChengdong, 9000}, {kNanguan, 8000}}, RankingSettings{});
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].unit_id, kChengdong);
  EXPECT_EQ(q[0].total, 9900);  // 30% × 300 + 10% × 90
  EXPECT_EQ(q[0].award, "豹子奖");
  EXPECT_EQ(q[1].unit_id, kNanguan);
  EXPECT_EQ((std::array<int64_t, 3>{8000, 8000, 5333}), q[1].monthly);
  EXPECT_EQ(q[1].total, 7199);
  EXPECT_FALSE(q[1].award.has_value());
  EXPECT_EQ(q[2].unit_id, kBeiguan);
  EXPECT_EQ(q[2].total, 6000);
  EXPECT_EQ(q[2].award, "蜗牛奖");
}

// In February the quarter has one month still to come: it scores nothing yet.
TEST(RankingTest, AQuarterUnderWayScoresOnlyItsReportedMonths) {
  const auto q = ScoreQuarter(Streets(), 1, {}, RankingSettings{}, 2);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].unit_id, kChengdong);
  EXPECT_EQ(q[0].months_counted, 2);
  EXPECT_EQ((std::array<int64_t, 3>{10000, 10000, 0}), q[0].monthly);
  EXPECT_EQ(q[0].total, 6000);
  EXPECT_EQ(ScoreQuarter(Streets(), 2, {}, RankingSettings{}, 2)[0].total, 0);
}

TEST(RankingTest, SettingsAreCheckedByField) {
  RankingSettings s;
  s.metric = RankingMetric::kComposite;
  s.weight_completion = 60;
  s.ladder = {"通报批评", ""};
  s.top_award.clear();
  const auto errors = CheckRankingSettings(s);
  EXPECT_EQ(errors.at("weight_growth"), "两项权重之和应为 100");
  EXPECT_TRUE(errors.count("ladder.1"));
  EXPECT_TRUE(errors.count("top_award"));
  EXPECT_TRUE(CheckRankingSettings(RankingSettings{}).empty());
}

}  // namespace
}  // namespace tuijin::domain
