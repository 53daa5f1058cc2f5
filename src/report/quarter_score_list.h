// A quarter's unit scores (季度考核评分) as .xlsx, in the look of the other ledgers
// (sheet_formats.h): a title naming the district and the quarter, a line under it, one header
// row frozen (the three months by name), then the units in rank order with their monthly
// scores, 督查评分 (blank when not entered), 季度得分 and the award. Plain values in, bytes out.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace tuijin::report {

struct QuarterScoreRow {
  int rank = 0;
  std::string unit;
  std::array<int64_t, 3> monthly{};   // hundredths of a point
  std::optional<int64_t> inspection;  // hundredths of a point; none: not entered
  int64_t total = 0;                  // hundredths of a point
  std::string award;                  // may be empty
};

struct QuarterScoreList {
  std::string title;
  std::string subtitle;  // may be empty
  std::array<int, 3> months{};  // the quarter's months (7, 8, 9): "7月得分" …
  std::vector<QuarterScoreRow> rows;
};

// Columns: 名次, 单位, three "N月得分", 督查评分, 季度得分, 奖项. Errors: those of the writer.
StatusOr<std::string> QuarterScoreListXlsx(const QuarterScoreList& list);

}  // namespace tuijin::report
