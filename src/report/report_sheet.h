// The period report sheet (进度填报表) as .xlsx: one row per project a unit reports for a
// period, with what is already filled in, for units that fill a spreadsheet and upload it.
// Amounts are exact decimals of 万元. Uploading a downloaded sheet unchanged changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"

namespace tuijin::report {

struct ReportSheetRow {
  std::string code, name, lead_unit;
  std::optional<Fen> annual_plan;
  Fen year_to_date = 0;  // accepted, before this period
  std::optional<Fen> amount;
  std::string progress_text;
  std::optional<int64_t> physical_percent;
  std::string problems;
  std::optional<Fen> stats_amount;
  std::string state;  // 草稿, 已报送, …; empty when not reported
};

struct ReportSheet {
  std::string title;     // "城东路街道 2026年10月 重点项目进度填报表"
  std::string subtitle;  // "填报截止:2026-11-05 17:00"; "    单位:万元" is added
  std::vector<ReportSheetRow> rows;
};

// The columns, in order; the reader finds them by these headers.
inline constexpr const char* kReportSheetHeaders[] = {
    "序号", "项目代码", "项目名称", "责任单位", "年度计划", "年初至上期累计", "本期完成投资",
    "形象进度", "形象进度(%)", "存在问题", "入库口径", "填报状态"};

StatusOr<std::string> ReportSheetXlsx(const ReportSheet& sheet);

}  // namespace tuijin::report
