// The task ledger (工作任务台账, e.g. 营商环境 99项要点任务) as a spreadsheet: the import
// template, and the reading of a filled-in sheet into rows with their errors. Nothing is
// resolved here: unit names stay names (the caller looks them up), categories stay words.
// Plain values in, bytes or rows out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tuijin::report {

// The template's columns, in order; the reader also knows common synonyms of each
// (任务 / 工作任务 / 重点任务, 责任单位, 完成时间 / 时间节点, …).
inline constexpr const char* kTaskLedgerHeaders[] = {"序号",     "方面",     "任务内容", "牵头单位",
                                                     "配合单位", "完成时限", "类别",     "备注"};

// The import template: a title row, a line on how to fill it, the header, and one example
// row (a 营商环境 task; the line says to delete it).
StatusOr<std::string> TaskLedgerTemplateXlsx();

// The most task rows a sheet may have.
inline constexpr int kMaxTaskLedgerRows = 5000;

struct TaskLedgerRow {
  int row = 0;               // as Excel numbers it
  int seq = 0;               // 序号 as written, or when empty the row's place among the tasks (1, 2, …)
  bool seq_written = false;  // the sheet gave the 序号
  std::string area;  // 方面: the cell, a merged cell above, a heading row ("一、优化政务服务"), or the row above
  std::string title;      // 任务内容
  std::string lead_unit;  // 牵头单位: the first name when several are written; the others go to co_units
  std::vector<std::string> co_units;    // split on 、,,;;/ and spaces, without repeats
  std::optional<std::string> deadline;  // YYYY-MM-DD; a month ("2026年6月底") is its last day
  bool ongoing = false;                 // 长期坚持 / 持续推进 / 常态化 …: no date
  std::string deadline_text;            // 完成时限 as written
  std::string category;                 // 类别 as written (a supervision_category label, checked by the caller)
  std::string note;                     // 备注
  // field → message, in Chinese naming the row and the column: "seq", "title", "lead_unit",
  // "deadline". A row without errors is ready to import once its units are found.
  std::map<std::string, std::string> errors;
};

struct TaskLedgerSheet {
  std::string sheet_name;           // the worksheet read: the first with a header
  int header_row = 0;               // the (last) header row, as Excel numbers it
  std::vector<TaskLedgerRow> rows;  // headings, blank rows and rows with only a 序号 left out
};

// Reads the first worksheet that has the header: a row among the first 20 with at least two
// of the column names (title rows above it, merged or not, are skipped; a two-row header
// is read as one). Cells merged downwards (方面, 牵头单位 over several tasks) count for
// every row they cover. Errors (InvalidArgument unless the reader's own):
//   import.no_header       no such row on any worksheet
//   import.missing_column  the header lacks 任务内容 or 牵头单位
//   import.empty           no worksheet has any content, or no task under the header
//   import.too_many_rows   more than kMaxTaskLedgerRows tasks
//   xlsx.*                 not a readable .xlsx (see xlsx/reader.h)
StatusOr<TaskLedgerSheet> ParseTaskLedgerSheet(std::string_view xlsx_bytes);

// 完成时限 as people write it: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日(前), a month
// (2026-06, 2026年6月, 2026年6月底) as its last day, 2026年底 / 2026年上半年 / 2026年第二季度 as their
// last day, an Excel serial day number when `number_cell`; 长期坚持, 持续推进, 常态化 … as
// ongoing. Exposed for the API's single-task form.
struct TaskDeadline {
  std::optional<std::string> date;  // YYYY-MM-DD
  bool ongoing = false;
  bool ok() const { return date || ongoing; }
};
TaskDeadline ParseTaskDeadline(std::string_view text, bool number_cell = false, bool date1904 = false);

}  // namespace tuijin::report
