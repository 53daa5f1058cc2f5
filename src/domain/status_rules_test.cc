// Red/yellow/green on the defaults of DESIGN.md §2, with each threshold hit exactly and
// missed by one fen or one point either side.
#include "domain/status_rules.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

constexpr Fen kWan = kFenPerWan;

StatusRule DefaultRule(Metric m) {
  for (const StatusRule& r : DefaultStatusRules()) {
    if (r.metric == m) return r;
  }
  ADD_FAILURE() << "no default rule for " << MetricName(m);
  return {};
}

// 南曹再生水厂一期工程 in August 2026: 12,000 万元 planned for the year, 序时进度 8/12.
ProjectFacts Plant(Fen ytd) {
  ProjectFacts f;
  f.level = "district";
  f.category_id = 3;
  f.stage = "construction";
  f.total_investment = 52000 * kWan;
  f.annual_plan = 12000 * kWan;
  f.year_to_date = ytd;
  f.planned_start = "2025-10";
  f.actual_start = "2025-10-18";
  f.in_stats = true;
  return f;
}

const AsOf kAugust = EndOfMonth(2026, 8);

Colour ColourOf(const StatusRule& rule, const ProjectFacts& f, const AsOf& at = kAugust) {
  auto r = EvaluateRule(rule, f, at, ScheduleGranularity::kMonth);
  EXPECT_TRUE(r.has_value());
  return r ? r->colour : Colour::kGreen;
}

TEST(StatusRulesTest, ScheduleShareByMonthHalfMonthAndDay) {
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kMonth, kAugust), Ratio{2, 3}), 0);
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kMonth, AsOf{2026, 8, 1}), Ratio{8, 12}), 0);
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kHalfMonth, AsOf{2026, 8, 15}), Ratio{15, 24}), 0);
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kHalfMonth, AsOf{2026, 8, 16}), Ratio{16, 24}), 0);
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kDay, kAugust), Ratio{243, 365}), 0);
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kDay, AsOf{2028, 2, 29}), Ratio{60, 366}), 0);
  EXPECT_EQ(CompareRatio(ScheduleShare(ScheduleGranularity::kDay, EndOfMonth(2026, 12)), Ratio{1, 1}), 0);
}

// Gap = 年度完成率 − 8/12. −10 points: 6,800 万元; −30 points: 4,400 万元.
TEST(StatusRulesTest, InvestmentGapOnAndAroundTheThresholds) {
  const StatusRule rule = DefaultRule(Metric::kInvestment);
  EXPECT_EQ(ColourOf(rule, Plant(6800 * kWan + 1)), Colour::kGreen);
  EXPECT_EQ(ColourOf(rule, Plant(6800 * kWan)), Colour::kYellow);  // exactly −10 points
  EXPECT_EQ(ColourOf(rule, Plant(6800 * kWan - 1)), Colour::kYellow);
  EXPECT_EQ(ColourOf(rule, Plant(4400 * kWan)), Colour::kYellow);  // exactly −30 points
  EXPECT_EQ(ColourOf(rule, Plant(4400 * kWan - 1)), Colour::kRed);
  // One point either side of each threshold.
  EXPECT_EQ(ColourOf(rule, Plant(6920 * kWan)), Colour::kGreen);   // −9
  EXPECT_EQ(ColourOf(rule, Plant(6680 * kWan)), Colour::kYellow);  // −11
  EXPECT_EQ(ColourOf(rule, Plant(4520 * kWan)), Colour::kYellow);  // −29
  EXPECT_EQ(ColourOf(rule, Plant(4280 * kWan)), Colour::kRed);     // −31
  EXPECT_EQ(ColourOf(rule, Plant(12000 * kWan)), Colour::kGreen);
}

TEST(StatusRulesTest, InvestmentReasonInWordsAndNumbers) {
  const StatusRule rule = DefaultRule(Metric::kInvestment);
  auto late = EvaluateRule(rule, Plant(5400 * kWan), kAugust, ScheduleGranularity::kMonth);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->reason, "年度完成率45.0%,低于序时进度66.7% 21.7个百分点");
  EXPECT_EQ(late->colour, Colour::kYellow);
  auto ahead = EvaluateRule(rule, Plant(9000 * kWan), kAugust, ScheduleGranularity::kMonth);
  EXPECT_EQ(ahead->reason, "年度完成率75.0%,达到序时进度66.7%");
  // No plan for the year: the rule says nothing.
  ProjectFacts none = Plant(0);
  none.annual_plan = 0;
  EXPECT_FALSE(EvaluateRule(rule, none, kAugust, ScheduleGranularity::kMonth));
}

// 完成率 ÷ 序时: yellow at 90% or less, red below 70%; 90% of 8,000 万元 is 7,200 万元.
TEST(StatusRulesTest, InvestmentAsARatioOfTheSchedule) {
  StatusRule rule = DefaultRule(Metric::kInvestment);
  rule.comparator = Comparator::kRatio;
  rule.yellow = 9000;
  rule.red = 7000;
  EXPECT_EQ(ColourOf(rule, Plant(7200 * kWan + 1)), Colour::kGreen);
  EXPECT_EQ(ColourOf(rule, Plant(7200 * kWan)), Colour::kYellow);
  EXPECT_EQ(ColourOf(rule, Plant(5600 * kWan)), Colour::kYellow);
  EXPECT_EQ(ColourOf(rule, Plant(5600 * kWan - 1)), Colour::kRed);
  auto r = EvaluateRule(rule, Plant(7200 * kWan), kAugust, ScheduleGranularity::kMonth);
  EXPECT_EQ(r->reason, "年度完成率60.0%,为序时进度66.7%的90.0%");
}

// Half-month 序时 on 15 August is 15/24: the same 6,800 万元 is then −(62.5 − 56.7) points.
TEST(StatusRulesTest, GranularityMovesTheSchedule) {
  const StatusRule rule = DefaultRule(Metric::kInvestment);
  auto r = EvaluateRule(rule, Plant(6800 * kWan), AsOf{2026, 8, 15}, ScheduleGranularity::kHalfMonth);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->colour, Colour::kGreen);
  EXPECT_EQ(r->reason, "年度完成率56.7%,低于序时进度62.5% 5.8个百分点");
}

ProjectFacts NotStarted(const std::string& planned_start) {
  ProjectFacts f;
  f.level = "city";
  f.stage = "preparation";
  f.total_investment = 18500 * kWan;
  f.planned_start = planned_start;
  return f;
}

TEST(StatusRulesTest, StartLateByMonthsAcrossTheYear) {
  const StatusRule rule = DefaultRule(Metric::kStart);
  EXPECT_FALSE(EvaluateRule(rule, NotStarted("2026-09"), kAugust, ScheduleGranularity::kMonth));
  EXPECT_EQ(ColourOf(rule, NotStarted("2026-08")), Colour::kYellow);  // 1 month: the planned month itself
  EXPECT_EQ(ColourOf(rule, NotStarted("2026-07")), Colour::kYellow);  // 2
  EXPECT_EQ(ColourOf(rule, NotStarted("2026-06-15")), Colour::kRed);  // 3
  EXPECT_EQ(ColourOf(rule, NotStarted("2025-11"), EndOfMonth(2026, 1)), Colour::kRed);
  auto r = EvaluateRule(rule, NotStarted("2026-06"), kAugust, ScheduleGranularity::kMonth);
  EXPECT_EQ(r->reason, "计划2026年6月开工,至2026年8月未开工,滞后3个月");
  ProjectFacts started = NotStarted("2026-06");
  started.stage = "construction";
  started.actual_start = "2026-07-02";
  EXPECT_FALSE(EvaluateRule(rule, started, kAugust, ScheduleGranularity::kMonth));
  ProjectFacts cancelled = NotStarted("2026-01");
  cancelled.stage = "cancelled";
  EXPECT_FALSE(EvaluateRule(rule, cancelled, kAugust, ScheduleGranularity::kMonth));
}

ProjectFacts StartedNotInStats(Fen total, const std::string& start) {
  ProjectFacts f = NotStarted("2026-01");
  f.stage = "construction";
  f.total_investment = total;
  f.actual_start = start;
  return f;
}

TEST(StatusRulesTest, StartedAtOrAbove500WanMustBeInStats) {
  const StatusRule rule = DefaultRule(Metric::kStats);
  EXPECT_EQ(ColourOf(rule, StartedNotInStats(500 * kWan, "2026-08-03")), Colour::kGreen);  // 0 months
  EXPECT_EQ(ColourOf(rule, StartedNotInStats(500 * kWan, "2026-07-20")), Colour::kYellow);
  EXPECT_EQ(ColourOf(rule, StartedNotInStats(500 * kWan, "2026-06-01")), Colour::kYellow);
  EXPECT_EQ(ColourOf(rule, StartedNotInStats(500 * kWan, "2026-05-31")), Colour::kRed);
  EXPECT_FALSE(EvaluateRule(rule, StartedNotInStats(500 * kWan - 1, "2026-01-01"), kAugust, ScheduleGranularity::kMonth));
  ProjectFacts in = StartedNotInStats(800 * kWan, "2026-01-01");
  in.in_stats = true;
  EXPECT_FALSE(EvaluateRule(rule, in, kAugust, ScheduleGranularity::kMonth));
  auto r = EvaluateRule(rule, StartedNotInStats(800 * kWan, "2026-05-31"), kAugust, ScheduleGranularity::kMonth);
  EXPECT_EQ(r->reason, "2026年5月开工,3个月未入库(总投资500万元及以上应入库)");
}

TEST(StatusRulesTest, CompletionOverdueByMonths) {
  const StatusRule rule = DefaultRule(Metric::kCompletion);
  ProjectFacts f = Plant(12000 * kWan);
  f.planned_completion = "2026-08-31";
  EXPECT_FALSE(EvaluateRule(rule, f, kAugust, ScheduleGranularity::kMonth));  // due this month
  f.planned_completion = "2026-07";
  EXPECT_EQ(ColourOf(rule, f), Colour::kYellow);
  f.planned_completion = "2026-06";
  EXPECT_EQ(ColourOf(rule, f), Colour::kYellow);
  f.planned_completion = "2026-05";
  EXPECT_EQ(ColourOf(rule, f), Colour::kRed);
  EXPECT_EQ(EvaluateRule(rule, f, kAugust, ScheduleGranularity::kMonth)->reason, "计划2026年5月竣工,已超期3个月未竣工");
  f.stage = "completed";
  EXPECT_FALSE(EvaluateRule(rule, f, kAugust, ScheduleGranularity::kMonth));
}

TEST(StatusRulesTest, MissingReportsAndOverdueItemsCount) {
  const StatusRule missing = DefaultRule(Metric::kReportMissing);
  ProjectFacts f = Plant(8000 * kWan);
  EXPECT_EQ(ColourOf(missing, f), Colour::kGreen);
  f.missing_reports = 2;
  EXPECT_EQ(ColourOf(missing, f), Colour::kYellow);
  f.missing_reports = 3;
  EXPECT_EQ(ColourOf(missing, f), Colour::kRed);
  EXPECT_EQ(EvaluateRule(missing, f, kAugust, ScheduleGranularity::kMonth)->reason, "连续3期未报送进度");
  f.stage = "reserve";  // does not report
  EXPECT_FALSE(EvaluateRule(missing, f, kAugust, ScheduleGranularity::kMonth));

  const StatusRule overdue = DefaultRule(Metric::kSupervisionOverdue);
  ProjectFacts g = Plant(8000 * kWan);
  g.overdue_items = 1;
  EXPECT_EQ(ColourOf(overdue, g), Colour::kYellow);
  EXPECT_EQ(EvaluateRule(overdue, g, kAugust, ScheduleGranularity::kMonth)->reason, "1项督办事项逾期未办结");
}

TEST(StatusRulesTest, ARuleAppliesOnlyToItsProjects) {
  StatusRule rule = DefaultRule(Metric::kInvestment);
  rule.levels = {"province", "city"};
  EXPECT_FALSE(EvaluateRule(rule, Plant(0), kAugust, ScheduleGranularity::kMonth));  // 区重点
  rule.levels = {"district"};
  rule.category_ids = {3, 4};
  EXPECT_TRUE(EvaluateRule(rule, Plant(0), kAugust, ScheduleGranularity::kMonth));
  rule.min_annual_plan = 12000 * kWan;
  EXPECT_TRUE(EvaluateRule(rule, Plant(0), kAugust, ScheduleGranularity::kMonth));  // exactly the floor
  rule.min_annual_plan = 12000 * kWan + 1;
  EXPECT_FALSE(EvaluateRule(rule, Plant(0), kAugust, ScheduleGranularity::kMonth));
  rule = DefaultRule(Metric::kInvestment);
  rule.enabled = false;
  EXPECT_FALSE(EvaluateRule(rule, Plant(0), kAugust, ScheduleGranularity::kMonth));
}

TEST(StatusRulesTest, ConsecutivePeriodsKeepTheMildestColourOfTheRun) {
  EXPECT_EQ(Sustained({Colour::kRed}, 1), Colour::kRed);
  EXPECT_EQ(Sustained({Colour::kYellow, Colour::kRed}, 2), Colour::kYellow);
  EXPECT_EQ(Sustained({Colour::kGreen, Colour::kRed}, 2), Colour::kGreen);
  EXPECT_EQ(Sustained({Colour::kGreen, Colour::kRed, Colour::kRed}, 2), Colour::kRed);
  EXPECT_EQ(Sustained({Colour::kRed}, 2), Colour::kGreen);  // not yet two periods known

  // Red for two months in a row, on a rule that wants two: June 5,000 万元 of a 12,000 plan
  // (−8.3 points is green), July 3,000 (−33.3, red), August 4,000 (−33.3, red).
  StatusRule rule = DefaultRule(Metric::kInvestment);
  rule.consecutive = 2;
  const std::vector<FactsAt> months = {{Plant(5000 * kWan), EndOfMonth(2026, 6)},
                                       {Plant(3000 * kWan), EndOfMonth(2026, 7)},
                                       {Plant(4000 * kWan), EndOfMonth(2026, 8)}};
  auto r = EvaluateSustained(rule, months, ScheduleGranularity::kMonth);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->colour, Colour::kRed);
  EXPECT_EQ(r->reason, "年度完成率33.3%,低于序时进度66.7% 33.3个百分点(连续2期)");
  // The run starts in July: for July alone, June was green.
  auto july = EvaluateSustained(rule, {months[0], months[1]}, ScheduleGranularity::kMonth);
  EXPECT_EQ(july->colour, Colour::kGreen);
  EXPECT_EQ(july->reason.find("连续"), std::string::npos);
}

TEST(StatusRulesTest, AProjectTakesTheWorstColourWithItsReasons) {
  ProjectFacts f = Plant(6000 * kWan);  // −16.7 points: yellow
  f.planned_completion = "2026-05";     // 3 months over: red
  std::vector<RuleResult> results;
  for (const StatusRule& rule : DefaultStatusRules()) {
    if (auto r = EvaluateRule(rule, f, kAugust, ScheduleGranularity::kMonth)) results.push_back(*r);
  }
  const ProjectStatus s = CombineResults(results);
  EXPECT_EQ(s.colour, Colour::kRed);
  ASSERT_EQ(s.reasons.size(), 2u);
  EXPECT_EQ(s.reasons[0].metric, Metric::kInvestment);
  EXPECT_EQ(s.reasons[0].reason, "年度完成率50.0%,低于序时进度66.7% 16.7个百分点");
  EXPECT_EQ(s.reasons[1].metric, Metric::kCompletion);
  EXPECT_EQ(CombineResults({}).colour, Colour::kGreen);
}

TEST(StatusRulesTest, ARuleIsCheckedBeforeItIsSaved) {
  for (const StatusRule& r : DefaultStatusRules()) EXPECT_TRUE(CheckStatusRule(r).empty()) << r.name;
  StatusRule bad = DefaultRule(Metric::kInvestment);
  bad.comparator = Comparator::kCount;
  bad.consecutive = 0;
  bad.name = "";
  const auto errors = CheckStatusRule(bad);
  EXPECT_EQ(errors.at("comparator"), "投资进度只能按百分点或比例比较");
  EXPECT_EQ(errors.at("consecutive"), "应为 1 到 12 期");
  EXPECT_EQ(errors.at("name"), "必填");
  StatusRule points = DefaultRule(Metric::kInvestment);
  points.red = -500;  // milder than yellow −10
  EXPECT_EQ(CheckStatusRule(points).at("red"), "红色阈值应低于或等于黄色阈值");
  StatusRule count = DefaultRule(Metric::kStart);
  count.red = 0;
  EXPECT_EQ(CheckStatusRule(count).at("red"), "红色阈值不能小于黄色阈值");
  EXPECT_EQ(ParseMetric("stats"), Metric::kStats);
  EXPECT_EQ(ParseComparator("ratio"), Comparator::kRatio);
  EXPECT_EQ(ParseColour("yellow"), Colour::kYellow);
  EXPECT_EQ(ParseGranularity("half_month"), ScheduleGranularity::kHalfMonth);
  EXPECT_FALSE(ParseMetric("speed"));
}

// 南曹再生水厂 over 2026: entered in March, reports from March; accepted amounts by month.
ProjectYear PlantYear() {
  ProjectYear y;
  y.base = Plant(0);
  y.base.planned_completion = "2027-06";
  y.first_month = 3;
  y.amounts = {0, 0, 1200 * kWan, 900 * kWan, 900 * kWan, 1000 * kWan, 0, 0, 0, 0, 0, 0};
  y.reported = {false, false, true, true, true, true, false, false, false, false, false, false};
  return y;
}

TEST(StatusRulesTest, FactsOfAMonthFromTheYear) {
  const ProjectYear y = PlantYear();
  EXPECT_EQ(FactsForMonth(y, 6).year_to_date, 4000 * kWan);
  EXPECT_EQ(FactsForMonth(y, 6).missing_reports, 0);
  EXPECT_EQ(FactsForMonth(y, 8).year_to_date, 4000 * kWan);
  EXPECT_EQ(FactsForMonth(y, 8).missing_reports, 2);      // July and August
  EXPECT_EQ(FactsForMonth(y, 2).missing_reports, 0);      // before it had to report
  EXPECT_EQ(FactsForMonth(y, 3).year_to_date, 1200 * kWan);
}

// On 2 September August's report is not due yet (the 5th): August is not missing, July is.
TEST(StatusRulesTest, AMonthNotYetDueIsNotMissing) {
  const ProjectYear y = PlantYear();
  EXPECT_EQ(FactsForMonth(y, 8, 7).missing_reports, 1);
  EXPECT_EQ(FactsForMonth(y, 7, 7).missing_reports, 1);
  EXPECT_EQ(FactsForMonth(y, 8, 6).missing_reports, 0);
  EXPECT_EQ(FactsForMonth(y, 8, 0).missing_reports, 0);  // nothing due yet this year
}

// August: 4,000 of 12,000 (−33.3 points, red) and two months unreported (yellow); with the
// investment rule wanting two periods, July (4,000 against 7/12: −25 points, yellow) makes
// the run yellow.
TEST(StatusRulesTest, AMonthEvaluatedWithEveryRule) {
  const ProjectYear y = PlantYear();
  const ProjectStatus august = EvaluateMonth(DefaultStatusRules(), y, 2026, 8, ScheduleGranularity::kMonth);
  EXPECT_EQ(august.colour, Colour::kRed);
  ASSERT_EQ(august.reasons.size(), 2u);
  EXPECT_EQ(august.reasons[0].reason, "年度完成率33.3%,低于序时进度66.7% 33.3个百分点");
  EXPECT_EQ(august.reasons[1].reason, "连续2期未报送进度");
  std::vector<StatusRule> rules = DefaultStatusRules();
  rules[0].consecutive = 2;
  const ProjectStatus run = EvaluateMonth(rules, y, 2026, 8, ScheduleGranularity::kMonth);
  EXPECT_EQ(run.colour, Colour::kYellow);
  EXPECT_EQ(run.reasons[0].reason, "年度完成率33.3%,低于序时进度66.7% 33.3个百分点(连续2期)");
  EXPECT_EQ(run.reasons[0].colour, Colour::kYellow);
}

}  // namespace
}  // namespace tuijin::domain
