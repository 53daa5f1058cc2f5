// A month's ledgers (.xlsx) from its snapshot, in the layouts the bureau sends out:
//   - kProjects: 重点项目推进台账 — title with district and period, merged two-row header
//     (完成投资 over 本期完成, 1–N月累计, 年度完成率, 开工累计), rows grouped by level or by
//     地区 with a heading and a 小计 each, a 合计 row, 红黄绿 as the cell's colour; and a second
//     sheet with the area summary;
//   - kAreas: 分地区汇总表 (地区, 项目个数, 总投资, 年度计划投资, 累计投资, 完成年度%,
//     本期新增投资, 合计);
//   - kLagging, kMissing, kOverdue: 进展滞后项目, 未报送项目, 逾期督办事项 lists.
// Money is written as exact decimals of 万元. Pure: snapshot in, bytes out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/briefing.h"

namespace tuijin::report {

enum class LedgerKind { kProjects, kAreas, kLagging, kMissing, kOverdue };
enum class LedgerGrouping { kLevel, kArea };

std::optional<LedgerKind> ParseLedgerKind(std::string_view name);  // projects, areas, …
std::string_view LedgerKindLabel(LedgerKind k);                    // 重点项目推进台账, …

StatusOr<std::string> PeriodLedgerXlsx(const domain::PeriodSnapshot& s, LedgerKind kind,
                                       LedgerGrouping grouping = LedgerGrouping::kLevel);

}  // namespace tuijin::report
