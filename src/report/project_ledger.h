// The project ledger (项目台账) as .xlsx, in the layout district ledgers use: a title row, a
// "单位:万元" line, a merged two-row header (资金来源 over its sources), rows grouped (by
// level or unit) with a 小计 under each group, a 合计 row, frozen header, widths and number
// formats. Written row by row (ProjectLedgerWriter, on xlsx::WorkbookWriter); amounts are
// exact decimals of 万元. Reading it back with the importer changes nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "xlsx/writer.h"

namespace tuijin::report {

struct LedgerRow {
  std::string code, name, level, nature, category, industry, tags, owner, lead, co_units, leader;
  std::string contact_name, contact_phone, address, content;
  std::string planned_start, planned_completion, stage, actual_start, actual_completion;
  std::string registered, registered_date, stats_code, remarks;
  int64_t star = 0;
  std::optional<double> lng, lat;
  Fen total = 0;
  std::vector<Fen> funding;  // aligned with ProjectLedger::funding_labels
};

// What stands above the rows.
struct LedgerHeading {
  std::string title;     // "云河区重点项目台账"
  std::string subtitle;  // "导出时间:2026-11-23"; "    单位:万元" is added
  std::vector<std::string> funding_labels;
};

// Writes a ledger as it goes, row by row: nothing is collected, so memory stays at about
// the compressed size of the file whatever the number of rows. Call BeginGroup before the
// rows of each group (a ledger without groups need not call it), AddRow for each row,
// then Finish once. A group with a title gets a heading row and a 小计 row. Rows are
// numbered (序号) across groups. Not thread-safe.
class ProjectLedgerWriter {
 public:
  // Writes the title rows and the header into `book`, which Finish() closes.
  static StatusOr<std::unique_ptr<ProjectLedgerWriter>> Create(std::unique_ptr<xlsx::WorkbookWriter> book,
                                                               const LedgerHeading& heading);
  ~ProjectLedgerWriter();
  ProjectLedgerWriter(const ProjectLedgerWriter&) = delete;
  ProjectLedgerWriter& operator=(const ProjectLedgerWriter&) = delete;

  // Ends the group before (its 小计 under it) and starts one; an empty title: no heading.
  Status BeginGroup(std::string_view title);
  Status AddRow(const LedgerRow& row);
  // The last group's 小计, the 合计 row, and the package.
  Status Finish();

 private:
  struct State;
  explicit ProjectLedgerWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> st_;
};

// A whole ledger at once (the import template, tests, benchmarks).
struct LedgerGroup {
  std::string title;  // "一、省重点项目(17个)"; empty: no group heading
  std::vector<LedgerRow> rows;
};

struct ProjectLedger {
  LedgerHeading heading;
  std::vector<LedgerGroup> groups;
};

// The ledger as a file at `path`, or as the bytes of the .xlsx (for a download).
Status WriteProjectLedger(const ProjectLedger& ledger, const std::string& path);
StatusOr<std::string> ProjectLedgerXlsx(const ProjectLedger& ledger);

// An empty import template: the same header, and one example row.
StatusOr<std::string> ImportTemplateXlsx(const std::vector<std::string>& funding_labels);

}  // namespace tuijin::report
