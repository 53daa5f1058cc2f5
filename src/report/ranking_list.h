// The month's unit ranking (各单位投资排名) as .xlsx, in the look of the other ledgers
// (sheet_formats.h): a title naming the district and the months, a line under it with the
// metric ranked on and "单位:万元", one header row frozen, then the units in rank order. Money
// as exact 万元 shown with two decimals; rates as percentages; 末位 units' 约谈 step in red.
// Plain values in, bytes out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"

namespace tuijin::report {

struct RankingListRow {
  int rank = 0;
  std::string unit;
  Fen target = 0, year_to_date = 0, last_year_to_date = 0;
  // Hundredths of a percent (4550 = 45.50%); none: "—".
  std::optional<int64_t> completion, growth;
  int64_t value = 0;                 // the metric ranked on, hundredths of a percent
  std::optional<int> movement;       // previous rank − rank (positive: up); none in January
  int last_place_run = 0;            // consecutive months last; 0: not last
  std::string escalation;            // the ladder's step; may be empty
  int64_t score = 0;                 // hundredths of a point
};

struct RankingList {
  std::string title;
  std::string subtitle;  // followed by "    单位:万元"
  std::string value_header = "排名指标值";  // the metric's name: 目标完成率 …
  std::vector<RankingListRow> rows;
};

inline constexpr const char* kRankingListHeaders[] = {"名次",     "单位",   "年度目标",   "年初至今完成",
                                                      "去年同期完成", "目标完成率", "同比增速",   "排名指标值",
                                                      "较上月",   "连续末位(月)", "约谈措施", "月度得分"};

// 较上月 reads "↑2", "↓1", "—" (same place, or January: blank). Errors: those of the writer.
StatusOr<std::string> RankingListXlsx(const RankingList& list);

}  // namespace tuijin::report
