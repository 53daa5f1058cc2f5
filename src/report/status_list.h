// The red/yellow/green list (红黄绿状态表) of a month as .xlsx, in the look of the other ledgers
// (sheet_formats.h): a title naming the district and the month, a line under it with 序时进度,
// the filters applied and "单位:万元", one header row frozen, then one row per project in the
// list's order (worst first): 红黄绿 as the cell's colour, money as exact 万元 shown with two
// decimals, 年度完成率 as a percentage, the reasons one per line. Plain values in, bytes out.
#pragma once

#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "domain/status_rules.h"

namespace tuijin::report {

struct StatusListRow {
  domain::Colour colour = domain::Colour::kGreen;
  std::string code, project, level, lead_unit;  // level in words: 省重点 …
  Fen annual_plan = 0;
  Fen year_to_date = 0;
  // "【投资进度】年度完成率45.0%,低于序时进度…", one per rule that is not green.
  std::vector<std::string> reasons;
};

struct StatusList {
  std::string title;
  std::string subtitle;  // followed by "    单位:万元"
  std::vector<StatusListRow> rows;
};

inline constexpr const char* kStatusListHeaders[] = {"序号",     "红黄绿",       "项目代码",       "项目名称",
                                                     "级别",     "责任单位",     "年度计划投资", "年初至今完成投资",
                                                     "年度完成率", "原因"};

// 年度完成率 is year_to_date / annual_plan ("—" without a plan). Errors: those of the writer.
StatusOr<std::string> StatusListXlsx(const StatusList& list);

}  // namespace tuijin::report
