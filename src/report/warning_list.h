// The warning centre's list (预警清单) as .xlsx, in the look of the other ledgers
// (sheet_formats.h): a title row naming the district and the month ("云河区重点项目预警清单
// (2026年10月)"), a line under it with the filters applied, one header row frozen, then one
// row per warning in the list's order, 红/黄 as the cell's colour. Plain values in, bytes out.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/status_rules.h"

namespace tuijin::report {

// One warning, already in words.
struct WarningListRow {
  domain::Colour colour = domain::Colour::kYellow;
  std::string code, project, lead_unit;
  std::string metric, reason;            // 指标 in words, 预警原因
  std::string since_period, last_period;  // YYYY-MM
  std::string state;                      // 待确认, 已确认, 已关闭
  std::string ack_note, acknowledged_by, acknowledged_at, closed_at;  // "2026-11-03 09:30"; may be empty
};

struct WarningList {
  std::string title;
  std::string subtitle;  // filters and export time; may be empty
  std::vector<WarningListRow> rows;
};

inline constexpr const char* kWarningListHeaders[] = {"序号",     "预警",     "项目代码", "项目名称", "责任单位",
                                                      "预警指标", "预警原因", "起始月份", "最近月份", "状态",
                                                      "处理说明", "确认人",   "确认时间", "关闭时间"};

// Errors: those of the writer (a text past 32,767 characters: xlsx.cell_too_long).
StatusOr<std::string> WarningListXlsx(const WarningList& list);

}  // namespace tuijin::report
