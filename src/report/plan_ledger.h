// The annual investment plan table (年度投资计划表) as .xlsx: a title row, a "单位:万元"
// line, a two-row header (分季度计划 over the four quarters, 形象进度目标 over the four
// quarters' goals), rows grouped by 责任单位 with a 小计 under each group, and a 合计 row.
// Amounts are exact decimals of 万元.
#pragma once

#include <array>
#include <string>
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

}  // namespace tuijin::report
