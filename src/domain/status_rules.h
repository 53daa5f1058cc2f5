// Red/yellow/green (红黄绿) of a project against its rules, without I/O: 序时进度, the rule
// table's metrics and comparators, consecutive periods, and the reason of each colour in
// words and numbers. Definitions in DESIGN.md §2. Comparisons are exact (integers and
// ratios), never after rounding: a gap of exactly −10 points is yellow.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "domain/reporting.h"

namespace tuijin::domain {

enum class Colour { kGreen = 0, kYellow = 1, kRed = 2 };  // ordered: worse is greater
std::string_view ColourName(Colour c);                     // "green", "yellow", "red"
std::string_view ColourLabel(Colour c);                    // 绿, 黄, 红
std::optional<Colour> ParseColour(std::string_view name);

// --- 序时进度 -------------------------------------------------------------------------------

// How finely the elapsed share of the year is counted.
enum class ScheduleGranularity { kMonth, kHalfMonth, kDay };
std::string_view GranularityName(ScheduleGranularity g);  // "month", "half_month", "day"
std::optional<ScheduleGranularity> ParseGranularity(std::string_view name);

// A day of the year the status is evaluated at: the last day of a reporting month for that
// period, or today for a live view.
struct AsOf {
  int year = 0;
  int month = 1;  // 1–12
  int day = 1;
};
// The last day of a month, the day a month period is evaluated at.
AsOf EndOfMonth(int year, int month);

// 序时进度 at `at`: months counted up to and including its month (M/12), halves of months
// (the 1st–15th is the first half) up to and including its half (/24), or days of the year up
// to and including it (/365 or /366).
Ratio ScheduleShare(ScheduleGranularity g, const AsOf& at);

// --- The rule table -----------------------------------------------------------------------

enum class Metric {
  kInvestment,          // 年度完成率 against 序时进度 (projects with an annual plan > 0)
  kStart,               // planned start passed, not started: months late (M − planned + 1)
  kStats,               // started, 总投资 ≥ 500 万元, not 入库: months since the start month
  kCompletion,          // planned completion passed, not completed: months over
  kReportMissing,       // consecutive reporting periods without a report, up to the period
  kSupervisionOverdue,  // 督办事项 past their deadline and not closed
};
std::string_view MetricName(Metric m);   // "investment", "start", "stats", "completion", …
std::string_view MetricLabel(Metric m);  // 投资进度, 开工, 入库, 竣工, 未报, 督办逾期
std::optional<Metric> ParseMetric(std::string_view name);

// How a metric's value meets the thresholds.
//   kPoints: 年度完成率 − 序时进度 in percentage points; yellow when ≤ yellow, red when < red.
//   kRatio:  年度完成率 ÷ 序时进度 in percent;            yellow when ≤ yellow, red when < red.
//   kCount:  months, periods or items;                     yellow when ≥ yellow, red when ≥ red.
enum class Comparator { kPoints, kRatio, kCount };
std::string_view ComparatorName(Comparator c);  // "points", "ratio", "count"
std::optional<Comparator> ParseComparator(std::string_view name);
// Which comparators a metric takes: investment points or ratio, the others count.
bool Accepts(Metric m, Comparator c);

// 500 万元: started projects at or above it must be 入库 (先入库后有数).
inline constexpr Fen kStatsThreshold = 500 * kFenPerWan;

struct StatusRule {
  int64_t id = 0;
  std::string name;  // as the bureau calls it, e.g. "投资进度滞后"
  Metric metric = Metric::kInvestment;
  Comparator comparator = Comparator::kPoints;
  // In the comparator's unit: hundredths of a point (kPoints: −1000 = −10 points), hundredths
  // of a percent (kRatio: 9000 = 90%), or whole months/periods/items (kCount).
  int64_t yellow = 0;
  int64_t red = 0;
  // The colour holds only when it held in this many consecutive periods (1 = this period).
  int consecutive = 1;
  bool enabled = true;
  // Which projects it applies to; empty / none = all.
  std::vector<std::string> levels;
  std::vector<int64_t> category_ids;
  std::optional<Fen> min_annual_plan;  // annual plan ≥ this
};

// The defaults of DESIGN.md §2 (investment −10/−30 points, start, 入库 and completion 1/3
// months) and, for the metrics it leaves open, report missing 1/3 periods and supervision
// overdue 1/3 items; ids 0.
std::vector<StatusRule> DefaultStatusRules();

// Why a rule cannot be saved, by field ("metric", "comparator", "yellow", "red",
// "consecutive", "name"); empty when fine. Red must be at least as far as yellow.
std::map<std::string, std::string> CheckStatusRule(const StatusRule& r);

// --- Evaluating a project -------------------------------------------------------------------

// What the rules read of a project at one period.
struct ProjectFacts {
  std::string level;  // project_rules' names
  std::optional<int64_t> category_id;
  std::string stage;  // project_rules' names
  Fen total_investment = 0;
  Fen annual_plan = 0;   // 0 when the project has no plan for the year
  Fen year_to_date = 0;  // 年初至今累计 up to the period
  // "YYYY-MM" or "YYYY-MM-DD"; none when not known.
  std::optional<std::string> planned_start, planned_completion, actual_start, actual_completion;
  bool in_stats = false;    // 已入库
  int missing_reports = 0;  // consecutive periods without a report, up to and including this one
  int overdue_items = 0;    // supervision items overdue at the period's end
};

// Whether the project had started (completed) by the end of month `at`: from its actual date
// when known, else from its stage (a project in construction without a date has started).
bool StartedBy(const ProjectFacts& f, const AsOf& at);
bool CompletedBy(const ProjectFacts& f, const AsOf& at);

struct RuleResult {
  int64_t rule_id = 0;
  Metric metric = Metric::kInvestment;
  Colour colour = Colour::kGreen;
  std::string reason;  // "年度完成率45.0%,低于序时进度66.7% 21.7个百分点"
};

// One rule on one period's facts, before consecutive periods are considered; nullopt when the
// rule does not apply to the project (out of scope, or its metric says nothing about it).
std::optional<RuleResult> EvaluateRule(const StatusRule& rule, const ProjectFacts& facts, const AsOf& at,
                                       ScheduleGranularity g);

// The colour a rule gives when it must hold `consecutive` periods: the mildest colour among
// the last `consecutive` periods' colours (oldest first, ending with this period); green when
// fewer periods are known.
Colour Sustained(const std::vector<Colour>& history, int consecutive);

// One period of a project's facts and the day they are evaluated at.
struct FactsAt {
  ProjectFacts facts;
  AsOf at;
};
// The rule over its consecutive periods (`periods` oldest first, ending with the period
// evaluated; only the last `rule.consecutive` are read): this period's result with the
// sustained colour, its reason marked "(连续3期)" when more than one period counts; nullopt
// when the rule does not apply this period.
std::optional<RuleResult> EvaluateSustained(const StatusRule& rule, const std::vector<FactsAt>& periods,
                                            ScheduleGranularity g);

// A project's status: the worst colour of its rules, with the reasons of the rules that give
// it a colour other than green (in rule order).
struct ProjectStatus {
  Colour colour = Colour::kGreen;
  std::vector<RuleResult> reasons;
};
ProjectStatus CombineResults(const std::vector<RuleResult>& results);

// --- A project's year ----------------------------------------------------------------------

// What the status of a project reads over one year: the facts that do not change by month
// (year_to_date and missing_reports of `base` are ignored), the accepted 本期 counted in each
// month, which months have a report submitted or accepted, and the first month it had to
// report (a project entered in June is not missing January to May).
struct ProjectYear {
  ProjectFacts base;
  std::array<Fen, 12> amounts{};
  std::array<bool, 12> reported{};
  std::array<int, 12> overdue_items{};  // supervision items overdue at each month's end
  int first_month = 1;
};

// The facts at the end of `month` (1–12): 年初至今累计 up to it, and the months without a
// report counted back from it (not before first_month, not after `due_through`: the last
// month whose report was due when evaluated, its deadline passed; 12 when all were).
ProjectFacts FactsForMonth(const ProjectYear& y, int month, int due_through = 12);

// Every rule on the project at the end of `month` of `year`, a rule of n consecutive periods
// reading the n − 1 months before within the same year (a run starts again in January).
ProjectStatus EvaluateMonth(const std::vector<StatusRule>& rules, const ProjectYear& y, int year, int month,
                            ScheduleGranularity g, int due_through = 12);

}  // namespace tuijin::domain
