// The figures of one month that ledgers and briefings (台账, 专报/通报) are made from, and the
// briefing templates, without I/O.
//
// A PeriodSnapshot holds every top-level project's row of the month's ledger (本期, 1–N月累计,
// 开工累计, 形象进度, 存在问题, colour with reasons, …) and the supervision items overdue at its
// end. For a locked month it is taken once, when the month is first locked, and every ledger
// and briefing of that month is made from it; for an open month it is read as the data are.
//
// A template is text: one paragraph per line; "# 文字" and "## 文字" are headings; "{{名称}}" is
// replaced by the value of a placeholder (BriefingPlaceholders lists them); "{{#if 名称}} …
// {{/if}}" keeps its content only when the value is neither empty nor zero (it may span
// lines; sections may nest); a line "[表:名称]" or "[图:名称]" stands for a table or a chart.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "domain/reporting.h"

namespace tuijin::domain {

// One top-level project in a month's ledger.
struct LedgerProject {
  int64_t id = 0;
  std::string code, name;
  std::string level;  // province, city, district
  std::string stage;  // project_rules' names
  int star = 0;
  std::string owner, content, leader, progress, problems;
  std::optional<int64_t> lead_unit_id;
  std::string lead_unit;
  std::string area;  // 地区: the 街道/乡镇/开发区, or the department, the lead unit belongs to
  Fen total = 0, annual_plan = 0, period_amount = 0, year_to_date = 0, since_start = 0;
  bool started = false, completed = false, registered = false;
  bool reported = false;  // its report of the month was submitted or accepted
  std::string colour = "green";
  std::string reasons;  // the reasons of a yellow or red, joined with ";"
};

struct OverdueItem {
  std::string number, title, lead_unit, deadline;
  int64_t days_overdue = 0;
};

// A month's ledger figures, or a week's (周台账: the projects reported weekly, with the
// week's own amounts and reports; colours and 序时进度 are those of the month it counts in).
struct PeriodSnapshot {
  std::string period;  // YYYY-MM, or YYYY-Www
  int year = 0, month = 0;  // for a week, the month it counts in (its Thursday's)
  int week = 0;             // the ISO week's number; 0 for a month
  Ratio schedule{0, 1};   // 序时进度 at the month's end
  std::string district;   // 云河区
  bool locked = false;    // taken when the month was locked
  std::string taken_at;   // when it was taken (or read)
  std::vector<std::string> areas;  // every 地区 in unit order, projects or not
  std::vector<LedgerProject> projects;
  std::vector<OverdueItem> overdue;
};

// How a snapshot's period reads in a ledger's title, subtitle, headers and file name.
struct PeriodWords {
  std::string span;            // "2026年1—10月", "2026年第48周"
  std::string as_of;           // "2026年10月底", "2026年11月29日(第48周:11月23日—11月29日)"
  std::string period_column;   // "10月完成", "本周完成"
  std::string year_column;     // "1—10月累计", "年初至本周累计"
  std::string file_part;       // "2026年10月", "2026年第48周"
};
PeriodWords WordsOf(const PeriodSnapshot& s);

// One row of the area summary (分地区汇总).
struct AreaSummary {
  std::string area;
  int64_t projects = 0;
  Fen total = 0, annual_plan = 0, year_to_date = 0, period_amount = 0;
  int64_t green = 0, yellow = 0, red = 0, started = 0, completed = 0;
  std::optional<Ratio> rate() const {
    if (annual_plan <= 0) return std::nullopt;
    return Ratio{year_to_date, annual_plan};
  }
};

// The areas with their projects in `snapshot.areas` order, areas without projects left out,
// ranked by 年度完成率 when `ranked` (highest first; no plan last); the total is separate.
std::vector<AreaSummary> SummarizeAreas(const PeriodSnapshot& snapshot, bool ranked);
AreaSummary SnapshotTotal(const PeriodSnapshot& snapshot);

// The projects behind 序时进度 by the most points first (those with a plan, yellow or red).
std::vector<const LedgerProject*> LaggingProjects(const PeriodSnapshot& snapshot);

// "1—10月", "1月".
std::string MonthsLabel(int month);

// 亿元 with two decimals ("12.35"), 万元 with two ("1,234.50" without the comma: "1234.50").
std::string FormatYi(Fen fen);
std::string FormatWan(Fen fen);

struct Placeholder {
  std::string name;   // 项目总数
  std::string label;  // what it is, for the template editor
};
const std::vector<Placeholder>& BriefingPlaceholders();
const std::vector<Placeholder>& BriefingTables();  // 地区汇总, 滞后项目, 逾期督办, 未报送
const std::vector<Placeholder>& BriefingCharts();  // 地区投资, 红黄绿

// Every placeholder's value for the snapshot, in words and figures.
std::map<std::string, std::string> BriefingValues(const PeriodSnapshot& snapshot);

struct TemplateBlock {
  enum class Kind { kHeading, kParagraph, kTable, kChart };
  Kind kind = Kind::kParagraph;
  int level = 1;     // headings
  std::string text;  // the text, or the table's or chart's name
};

// Checks a template's text without values: InvalidArgument naming `field` with the first
// unknown placeholder, table or chart, or unbalanced {{#if}}/{{/if}}, and its line.
Status CheckTemplate(std::string_view text, std::string_view field);

// The blocks of a body, its placeholders replaced. Errors as CheckTemplate (field "body").
StatusOr<std::vector<TemplateBlock>> RenderTemplate(std::string_view body,
                                                    const std::map<std::string, std::string>& values);

// One line (a title) with its placeholders replaced; sections are kept or dropped alike.
StatusOr<std::string> RenderLine(std::string_view line, const std::map<std::string, std::string>& values,
                                 std::string_view field);

}  // namespace tuijin::domain
