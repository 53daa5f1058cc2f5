// The annual investment plan table (年度投资计划表) as .xlsx: a title row, a "单位:万元"
// line, a two-row header (分季度计划 over the four quarters, 形象进度目标 over the four
// quarters' goals), rows grouped by 责任单位 with a 小计 under each group, and a 合计 row.
// Amounts are exact decimals of 万元.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"

namespace tuijin::report {

struct PlanLedgerRow {
  std::string name, code, level, lead, stage, state;  // state in words: "已下达(第2版)"
  Fen total = 0;                                      // 总投资
  Fen amount = 0;                                     // 年度计划投资
  std::array<Fen, 4> quarters{};                      // planned in each quarter (not cumulative); they add up to amount
  std::array<std::string, 4> goals;
  std::string planned_start, planned_completion;
};

struct PlanLedgerGroup {
  std::string title;  // "一、城东路街道办事处(5个)"; empty: no heading and no 小计
  std::vector<PlanLedgerRow> rows;
};

struct PlanLedger {
  std::string title;     // "2026年重点项目年度投资计划表"
  std::string subtitle;  // "导出时间:2026-11-23"; "    单位:万元" is added
  std::vector<PlanLedgerGroup> groups;
};

// The bytes of the .xlsx.
StatusOr<std::string> PlanLedgerXlsx(const PlanLedger& ledger);

// A project row of a plan table read back: the exported table as the bureau edited it, or a
// table of its own with the same column names.
struct PlanSheetRow {
  int row = 0;  // as Excel numbers it
  std::string code, name;
  std::optional<Fen> amount;                   // 年度计划投资; none when the cell is empty
  std::array<std::optional<Fen>, 4> quarters;  // 分季度计划投资
  std::array<std::string, 4> goals;            // 形象进度目标
  std::optional<std::string> planned_start, planned_completion;  // "YYYY-MM" or "YYYY-MM-DD"
  // Cells that could not be read: "amount", "quarters.<0–3>", "planned_start",
  // "planned_completion" → message.
  std::map<std::string, std::string> errors;
};

struct PlanSheet {
  // Which optional column groups the table has; a missing group leaves those values of the
  // plans as they are.
  bool has_quarters = false, has_goals = false, has_start = false, has_completion = false;
  std::vector<PlanSheetRow> rows;  // group headings, 小计 and 合计 rows left out
};

// Reads the first worksheet: the header row is the first of the first 20 with 项目名称 and
// 年度计划投资 (a "(万元)" suffix allowed); 一季度 … 四季度 in the row under it belong to
// 分季度计划投资 or 形象进度目标 by the merged heading above them. Amounts in 万元.
// InvalidArgument "import.no_header" when there is no such row.
StatusOr<PlanSheet> ReadPlanSheet(std::string_view xlsx_bytes);

}  // namespace tuijin::report
