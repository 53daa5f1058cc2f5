#include "domain/reporting.h"

#include <gtest/gtest.h>

#include "base/date.h"

namespace tuijin::domain {
namespace {

constexpr Fen kWan = kFenPerWan;

Period P(std::string_view text) {
  auto p = ParsePeriod(text);
  EXPECT_TRUE(p) << text;
  return p.value_or(Period{});
}

TEST(PeriodTest, ParsesMonthsAndIsoWeeksStrictly) {
  EXPECT_EQ(FormatPeriod(P("2026-03")), "2026-03");
  EXPECT_EQ(PeriodLabel(P("2026-03")), "2026年3月");
  EXPECT_EQ(FormatPeriod(P("2026-W09")), "2026-W09");
  EXPECT_EQ(PeriodLabel(P("2026-W09")), "2026年第9周");
  EXPECT_TRUE(ParsePeriod("2026-W53"));   // 2026 begins on a Thursday: 53 ISO weeks
  EXPECT_FALSE(ParsePeriod("2025-W53"));  // 52
  for (const char* bad : {"2026-13", "2026-00", "2026-3", "2026/03", "2026-W00", "2026-W5", "26-03", ""}) {
    EXPECT_FALSE(ParsePeriod(bad)) << bad;
  }
}

TEST(PeriodTest, IsoWeeksCrossYearsByTheirThursday) {
  EXPECT_EQ(IsoWeekOf(2026, 1, 1), P("2026-W01"));
  EXPECT_EQ(IsoWeekOf(2024, 12, 30), P("2025-W01"));  // Monday; its Thursday is 2025-01-02
  EXPECT_EQ(IsoWeekOf(2027, 1, 1), P("2026-W53"));
  EXPECT_EQ(MonthCountedIn(P("2025-W01")), P("2025-01"));
  EXPECT_EQ(MonthCountedIn(P("2026-W53")), P("2026-12"));
  EXPECT_EQ(MonthCountedIn(P("2026-W05")), P("2026-01"));  // 1月26日–2月1日, Thursday 1月29日
}

TEST(PeriodTest, DaysOfMonthsAndWeeks) {
  auto days = [](const char* p) {
    const auto [first, last] = PeriodDays(P(p));
    return std::vector<int>{first.year, first.month, first.day, last.year, last.month, last.day};
  };
  EXPECT_EQ(days("2026-02"), (std::vector<int>{2026, 2, 1, 2026, 2, 28}));
  EXPECT_EQ(days("2024-02"), (std::vector<int>{2024, 2, 1, 2024, 2, 29}));
  EXPECT_EQ(days("2026-W45"), (std::vector<int>{2026, 11, 2, 2026, 11, 8}));
  EXPECT_EQ(days("2025-W01"), (std::vector<int>{2024, 12, 30, 2025, 1, 5}));  // Monday in the year before
}

TEST(PeriodTest, NextAndPreviousWrapTheYear) {
  EXPECT_EQ(NextPeriod(P("2026-12")), P("2027-01"));
  EXPECT_EQ(PreviousPeriod(P("2026-01")), P("2025-12"));
  EXPECT_EQ(NextPeriod(P("2026-W53")), P("2027-W01"));
  EXPECT_EQ(PreviousPeriod(P("2025-W01")), P("2024-W52"));
}

TEST(PeriodTest, DeadlinesAreAtFivePmChinaTime) {
  constexpr int64_t kDay = 86'400, kNineUtc = 9 * 3'600;  // 17:00 +08:00
  EXPECT_EQ(DeadlineUnix(P("2026-03"), {}), DaysFromCivil(2026, 4, 5) * kDay + kNineUtc);
  EXPECT_EQ(DeadlineUnix(P("2026-12"), {}), DaysFromCivil(2027, 1, 5) * kDay + kNineUtc);
  EXPECT_EQ(DeadlineUnix(P("2026-03"), {.month_day = 10, .hour = 12}), DaysFromCivil(2026, 4, 10) * kDay + 4 * 3'600);
  // 2026-W09 is 2月23日–3月1日: due the Monday after.
  EXPECT_EQ(DeadlineUnix(P("2026-W09"), {}), DaysFromCivil(2026, 3, 2) * kDay + kNineUtc);
}

TEST(PlanCurveTest, LinearCurveIsExactAndEndsAtThePlan) {
  const auto curve = LinearCurve(1'000);
  ASSERT_EQ(curve.size(), 12u);
  EXPECT_EQ(curve[0], 83);   // floor(1000 / 12)
  EXPECT_EQ(curve[5], 500);
  EXPECT_EQ(curve[6], 583);
  EXPECT_EQ(curve[11], 1'000);
  EXPECT_TRUE(CheckCurve(LinearCurve(86'000 * kWan), 86'000 * kWan).empty());
}

TEST(PlanCurveTest, AnEditedCurveMayNotFallOrMissThePlan) {
  std::vector<Fen> curve = LinearCurve(1'200 * kWan);
  curve[3] = 200 * kWan;  // April below March's 300
  auto errors = CheckCurve(curve, 1'200 * kWan);
  ASSERT_EQ(errors.count("4"), 1u);
  EXPECT_EQ(errors["4"], "4月累计计划 200.00 万元少于3月的 300.00 万元,累计数不能减少");
  curve = LinearCurve(1'200 * kWan);
  curve[11] = 1'100 * kWan;
  errors = CheckCurve(curve, 1'200 * kWan);
  EXPECT_EQ(errors["12"], "12月累计计划 1,100.00 万元应等于年度计划投资 1,200.00 万元");
  EXPECT_EQ(CheckCurve({1, 2, 3}, 3).count("curve"), 1u);
}

TEST(RatioTest, PercentIsRoundedHalfAwayFromZeroWithoutFloatingPoint) {
  EXPECT_EQ(FormatPercent(Ratio{45, 100}), "45.0%");
  EXPECT_EQ(FormatPercent(Ratio{2, 3}), "66.7%");
  EXPECT_EQ(FormatPercent(Ratio{1, 16}), "6.3%");  // 6.25
  EXPECT_EQ(FormatPercent(Ratio{-1, 16}), "-6.3%");
  EXPECT_EQ(FormatPercent(Ratio{1, 3}, 2), "33.33%");
  EXPECT_EQ(FormatPercent(std::nullopt), "—");
  EXPECT_EQ(CompareRatio({1, 3}, {2, 6}), 0);
  EXPECT_LT(CompareRatio({333, 1000}, {1, 3}), 0);
}

// 云河智造谷数字产业园一期: started 2023, 开工累计 5,000 万元 through 2025-12; 2026 plan
// 2,400 万元; 总投资 20,000 万元. Monthly amounts from 2025-11 to 2026-02.
TEST(DeriveTest, YearToDateRestartsInJanuaryAndSinceStartBuildsOnTheOpeningBalance) {
  const std::vector<PeriodAmount> amounts = {{P("2025-11"), 300 * kWan},
                                             {P("2026-02"), 400 * kWan},
                                             {P("2025-12"), 500 * kWan},
                                             {P("2026-01"), 200 * kWan}};
  const OpeningBalance opening{P("2025-12"), 5'000 * kWan};

  const auto feb = Derive(amounts, opening, P("2026-02"), 2'400 * kWan, 20'000 * kWan);
  EXPECT_EQ(feb.period_amount, 400 * kWan);
  EXPECT_EQ(feb.year_to_date, 600 * kWan);
  EXPECT_EQ(feb.since_start, 5'600 * kWan);  // 2025's months are inside the opening balance
  EXPECT_EQ(FormatPercent(feb.annual_rate), "25.0%");
  EXPECT_EQ(FormatPercent(feb.total_rate), "28.0%");

  const auto jan = Derive(amounts, opening, P("2026-01"), 2'400 * kWan, 20'000 * kWan);
  EXPECT_EQ(jan.year_to_date, 200 * kWan);
  EXPECT_EQ(jan.since_start, 5'200 * kWan);

  // Without an opening balance, since-start is every reported month; 2025 has its own YTD.
  const auto dec = Derive(amounts, std::nullopt, P("2025-12"), 1'000 * kWan, 20'000 * kWan);
  EXPECT_EQ(dec.year_to_date, 800 * kWan);
  EXPECT_EQ(dec.since_start, 800 * kWan);
  EXPECT_EQ(FormatPercent(dec.annual_rate), "80.0%");
}

TEST(DeriveTest, WeeksCountInTheMonthOfTheirThursday) {
  // 2026-W05 (1月26日–2月1日) counts in January; 2026-W06 in February.
  const std::vector<PeriodAmount> amounts = {{P("2026-W05"), 70 * kWan}, {P("2026-W06"), 30 * kWan}};
  EXPECT_EQ(Derive(amounts, std::nullopt, P("2026-01"), 0, 0).year_to_date, 70 * kWan);
  EXPECT_EQ(Derive(amounts, std::nullopt, P("2026-02"), 0, 0).year_to_date, 100 * kWan);
  const auto w6 = Derive(amounts, std::nullopt, P("2026-W06"), 1'000 * kWan, 0);
  EXPECT_EQ(w6.period_amount, 30 * kWan);
  EXPECT_EQ(w6.year_to_date, 100 * kWan);
  EXPECT_EQ(FormatPercent(w6.annual_rate), "10.0%");
  EXPECT_FALSE(w6.total_rate) << "no 总投资, no rate";
}

TEST(ReportInputTest, NegativeOnlyAsAMarkedCorrectionWithAReason) {
  EXPECT_TRUE(CheckReportInput({.amount = 120 * kWan, .physical_percent = 35}).empty());
  auto errors = CheckReportInput({.amount = -50 * kWan});
  EXPECT_EQ(errors.count("amount"), 1u);
  errors = CheckReportInput({.amount = -50 * kWan, .correction = true});
  EXPECT_EQ(errors.count("correction_reason"), 1u);
  EXPECT_TRUE(CheckReportInput({.amount = -50 * kWan, .correction = true, .correction_reason = "统计局核减2月多报数"}).empty());
  EXPECT_EQ(CheckReportInput({.amount = 10, .correction = true, .correction_reason = "核减"}).count("amount"), 1u);
  EXPECT_EQ(CheckReportInput({.amount = 0, .physical_percent = 101}).count("physical_percent"), 1u);
  EXPECT_EQ(CheckReportInput({.amount = 0, .physical_percent = -1}).count("physical_percent"), 1u);
}

TEST(ReportInputTest, OverPlanAndOverTotalAreWarningsInWords) {
  DerivedFigures f;
  f.year_to_date = 2'600 * kWan;
  f.since_start = 21'000 * kWan;
  const auto warnings = ReportWarnings(f, 2'400 * kWan, 20'000 * kWan);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0], "年初至今累计 2,600.00 万元,超过年度计划投资 2,400.00 万元,请核实");
  EXPECT_EQ(warnings[1], "开工累计 21,000.00 万元,超过项目总投资 20,000.00 万元,请核实");
  EXPECT_TRUE(ReportWarnings(f, 0, 0).empty());
}

}  // namespace
TEST(ReportWorkflowTest, DraftSubmitAcceptOrReturn) {
  auto step = StepReport(std::nullopt, ReportAction::kSave);
  EXPECT_EQ(step.next, ReportState::kDraft);
  EXPECT_TRUE(step.error.empty());
  EXPECT_FALSE(step.new_revision);
  // A first submit needs no draft before it.
  EXPECT_EQ(StepReport(std::nullopt, ReportAction::kSubmit).next, ReportState::kSubmitted);
  EXPECT_TRUE(StepReport(ReportState::kDraft, ReportAction::kSubmit).error.empty());
  EXPECT_TRUE(StepReport(ReportState::kReturned, ReportAction::kSubmit).error.empty());
  EXPECT_TRUE(StepReport(ReportState::kReturned, ReportAction::kSave).error.empty());
  EXPECT_EQ(StepReport(ReportState::kReturned, ReportAction::kSave).next, ReportState::kReturned);
  EXPECT_EQ(StepReport(ReportState::kSubmitted, ReportAction::kAccept).next, ReportState::kAccepted);
  EXPECT_EQ(StepReport(ReportState::kSubmitted, ReportAction::kReturn).next, ReportState::kReturned);
}

TEST(ReportWorkflowTest, WaitingForReviewIsNotEditedAndOnlySubmittedIsReviewed) {
  EXPECT_NE(StepReport(ReportState::kSubmitted, ReportAction::kSave).error, "");
  EXPECT_NE(StepReport(ReportState::kSubmitted, ReportAction::kSubmit).error, "");
  for (auto s : {ReportState::kDraft, ReportState::kReturned, ReportState::kAccepted}) {
    EXPECT_NE(StepReport(s, ReportAction::kAccept).error, "") << ReportStateName(s);
    EXPECT_NE(StepReport(s, ReportAction::kReturn).error, "") << ReportStateName(s);
  }
  EXPECT_NE(StepReport(std::nullopt, ReportAction::kAccept).error, "");
}

TEST(ReportWorkflowTest, ChangingAnAcceptedReportOpensANewRevision) {
  auto step = StepReport(ReportState::kAccepted, ReportAction::kSave);
  EXPECT_TRUE(step.error.empty());
  EXPECT_TRUE(step.new_revision);
  EXPECT_EQ(step.next, ReportState::kDraft);
  EXPECT_NE(StepReport(ReportState::kAccepted, ReportAction::kSubmit).error, "");
}

TEST(ReportWorkflowTest, StateNamesRoundTrip) {
  for (auto s : {ReportState::kDraft, ReportState::kSubmitted, ReportState::kAccepted, ReportState::kReturned}) {
    EXPECT_EQ(ParseReportState(ReportStateName(s)), s);
  }
  EXPECT_EQ(ParseReportState("approved"), std::nullopt);
  EXPECT_EQ(ReportStateLabel(ReportState::kReturned), "已退回");
}

TEST(ReportWorkflowTest, ProjectsUnderWayReport) {
  EXPECT_TRUE(ReportsProgress("construction"));
  EXPECT_TRUE(ReportsProgress("preparation"));
  EXPECT_FALSE(ReportsProgress("reserve"));
  EXPECT_FALSE(ReportsProgress("cancelled"));
  EXPECT_FALSE(ReportsProgress("operating"));
}

}  // namespace tuijin::domain
