// The list of supervision items (督办事项台账) or of a task ledger's tasks as .xlsx, in the
// look of the other ledgers (sheet_formats.h): a title row ("督办事项台账(截至2026-12-02)"),
// a line under it, one header row, frozen under the header, column widths; 逾期天数 in red.
// Plain values in, bytes out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace tuijin::report {

// One item, already in words (labels, not codes).
struct SupervisionListRow {
  std::string number;               // "2026-017"; for a task, empty (task_seq is shown)
  std::optional<int64_t> task_seq;  // 序号 in its ledger, for tasks
  std::string area;                 // 方面, for tasks
  std::string title, category, source, priority;
  std::string lead_unit, co_units, projects;  // co_units and projects joined with 、
  std::string issued_on, deadline, status;    // status in words: 办理中, 已办结 …
  int64_t overdue_days = 0;                   // calendar days past the deadline; 0 when not overdue
  std::string closed_on;                      // empty while open
  std::optional<bool> closed_on_time;         // 按期办结: set once closed
};

struct SupervisionList {
  std::string title;     // "督办事项台账(截至2026-12-02)"
  std::string subtitle;  // the line under it, right-aligned, e.g. "导出时间:2026-12-02 10:30"; may be empty
  // A task ledger: the first columns are 序号 (task_seq) and 方面 instead of 序号 (row
  // count) and 编号.
  bool tasks = false;
  std::vector<SupervisionListRow> rows;
};

// The columns, in order, for items and for tasks.
inline constexpr const char* kSupervisionListHeaders[] = {"序号",     "编号",     "事项名称", "督办类别", "事项来源",
                                                          "紧急程度", "牵头单位", "配合单位", "关联项目", "下发日期",
                                                          "办理时限", "办理状态", "逾期天数", "办结日期", "按期办结"};
inline constexpr const char* kTaskListHeaders[] = {"序号",     "方面",     "任务内容", "督办类别", "事项来源",
                                                   "紧急程度", "牵头单位", "配合单位", "关联项目", "下发日期",
                                                   "完成时限", "办理状态", "逾期天数", "办结日期", "按期办结"};

// The bytes of the .xlsx. Errors: those of the writer (a text past Excel's 32,767
// characters: xlsx.cell_too_long).
StatusOr<std::string> SupervisionListXlsx(const SupervisionList& list);

}  // namespace tuijin::report
