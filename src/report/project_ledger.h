// The project ledger (项目台账) as .xlsx, in the layout district ledgers use: a title row, a
// "单位:万元" line, a merged two-row header (资金来源 over its sources), rows grouped (by
// level or unit) with a 小计 under each group, a 合计 row, frozen header, widths and number
// formats. Written row by row with xlsx::WorkbookWriter; amounts are exact decimals of 万元.
// Reading it back with the importer changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"

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

struct LedgerGroup {
  std::string title;  // "一、省重点项目(17个)"; empty: no group heading
  std::vector<LedgerRow> rows;
};

struct ProjectLedger {
  std::string title;     // "云河区重点项目台账"
  std::string subtitle;  // "导出时间:2026-11-23"
  std::vector<std::string> funding_labels;
  std::vector<LedgerGroup> groups;
};

Status WriteProjectLedger(const ProjectLedger& ledger, const std::string& path);

// An empty import template: the same header, and one example row.
Status WriteImportTemplate(const std::vector<std::string>& funding_labels, const std::string& path);

}  // namespace tuijin::report
