// Rules of annual plans and progress reporting (计划报送, 进度填报), without I/O: reporting
// periods and their deadlines, the monthly cumulative plan curve, the figures derived from
// accepted reports (年初至今累计, 开工累计, 年度完成率, 总投资完成率) and the checks on a
// report's input. Definitions in DESIGN.md §2. Money is fen; rates are exact ratios.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/money.h"

namespace tuijin::domain {

// A reporting period: a month "2026-03" (the default) or an ISO week "2026-W09" (for
// projects reported weekly).
struct Period {
  enum class Kind { kMonth, kWeek };
  Kind kind = Kind::kMonth;
  int year = 0;
  int index = 0;  // month 1–12, or ISO week 1–53

  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period&, const Period&) = default;
};

std::optional<Period> ParsePeriod(std::string_view text);  // strict: "2026-03", "2026-W09"
std::string FormatPeriod(const Period& p);
std::string PeriodLabel(const Period& p);  // "2026年3月", "2026年第9周"
Period MonthOf(int year, int month);
Period NextPeriod(const Period& p);
Period PreviousPeriod(const Period& p);
// The ISO week a day falls in (weeks start on Monday; week 1 holds the year's first Thursday).
Period IsoWeekOf(int year, int month, int day);
int IsoWeeksInYear(int year);
// The month an ISO week counts towards: the month of its Thursday (so every week belongs to
// exactly one month and one year). For a month, itself.
Period MonthCountedIn(const Period& p);
// The first and last day a period covers: a month's 1st and last, a week's Monday and Sunday.
std::pair<CivilDate, CivilDate> PeriodDays(const Period& p);

// When a period's reports are due. Monthly: day `month_day` of the next month at `hour`
// (default the 5th, 17:00); weekly: the Monday after the week at `hour`. Both +08:00.
struct DeadlineRule {
  int month_day = 5;  // 1–28
  int hour = 17;      // 0–23
};
int64_t DeadlineUnix(const Period& p, const DeadlineRule& rule);  // seconds since the epoch

// The monthly cumulative plan (计划累计) as 12 amounts, month 1..12, the last equal to the
// annual plan. Linear by default: month m gets floor(plan × m / 12), exactly.
std::vector<Fen> LinearCurve(Fen annual_plan);
// A curve as edited: 12 amounts, none negative, never decreasing, ending at the annual plan.
// Empty when fine, else the problem per month ("3" → message) or "curve".
std::map<std::string, std::string> CheckCurve(const std::vector<Fen>& curve, Fen annual_plan);

// A ratio kept exact (numerator / denominator, denominator > 0), e.g. 年度完成率 = YTD / plan.
struct Ratio {
  int64_t num = 0;
  int64_t den = 1;
};
// "45.0%": one decimal, rounded half away from zero; "—" when the denominator is 0.
std::string FormatPercent(std::optional<Ratio> r, int decimals = 1);
// num/den ≥ other.num/other.den, exactly (no floating point).
int CompareRatio(const Ratio& a, const Ratio& b);

// One accepted figure of a project: 本期完成投资 in a period.
struct PeriodAmount {
  Period period;
  Fen amount = 0;
};

// 开工累计 before the first reported period, set once per project: the amount completed up
// to and including `through` (a month), e.g. 2025-12 for a project started in 2023.
struct OpeningBalance {
  Period through;
  Fen amount = 0;
};

struct DerivedFigures {
  Fen period_amount = 0;  // 本期: the period's own amount (0 when not reported)
  Fen year_to_date = 0;   // 年初至今累计: the year's months (weeks by their Thursday) up to the period
  Fen since_start = 0;    // 开工累计: opening balance + every amount after it, up to the period
  std::optional<Ratio> annual_rate;  // 年度完成率 = YTD / annual plan (none without a plan > 0)
  std::optional<Ratio> total_rate;   // 总投资完成率 = since start / 总投资 (none when 总投资 is 0)
};

// The figures of `at` from a project's accepted amounts (any order). Amounts counted in the
// opening balance's month or before are already inside it and not added again to 开工累计;
// 年初至今累计 counts reported periods only, so an opening balance is best set through the
// December before the first reported year.
DerivedFigures Derive(const std::vector<PeriodAmount>& amounts, const std::optional<OpeningBalance>& opening,
                      const Period& at, Fen annual_plan, Fen total_investment);

// A report's input as typed.
struct ReportInput {
  Fen amount = 0;                      // 本期完成投资
  bool correction = false;             // a negative amount marked as a correction (冲减)
  std::string correction_reason;
  std::optional<int> physical_percent;  // 形象进度 %, 0–100
};
// Errors by field ("amount", "correction_reason", "physical_percent"); empty when fine.
std::map<std::string, std::string> CheckReportInput(const ReportInput& in);

// Accepted with a visible warning: YTD above the annual plan, since-start above 总投资.
std::vector<std::string> ReportWarnings(const DerivedFigures& f, Fen annual_plan, Fen total_investment);

// --- Report workflow ---------------------------------------------------------------------

// draft → submitted → accepted | returned; a returned report is fixed (staying returned
// while it is edited) and submitted again;
// a change to an accepted report starts a new revision as a draft (the accepted figure
// counts until the new one is accepted).
enum class ReportState { kDraft, kSubmitted, kAccepted, kReturned };
enum class ReportAction { kSave, kSubmit, kAccept, kReturn };

std::string_view ReportStateName(ReportState s);  // "draft", …
std::optional<ReportState> ParseReportState(std::string_view name);
std::string_view ReportStateLabel(ReportState s);  // 草稿, 已报送, 已审核, 已退回
std::string_view ReportActionName(ReportAction a);  // "save", …

struct ReportStep {
  ReportState next = ReportState::kDraft;
  bool new_revision = false;  // the change opens a new revision of an accepted report
  std::string error;          // why the action is not allowed now; empty when it is
};
// What `action` does to a report in `current` (nullopt: no report yet).
ReportStep StepReport(std::optional<ReportState> current, ReportAction action);

// Whether a project in `stage` (project_rules' names) reports progress: 前期 and 在建, and
// 停缓建 (to show that nothing moved).
bool ReportsProgress(std::string_view stage);
std::vector<std::string> ReportingStageNames();  // the stages above, for queries

}  // namespace tuijin::domain
