// How a project ledger spreadsheet is laid out, found without I/O: which row is the header
// (under title rows, possibly two rows merged), which column holds which field (by the
// Chinese names and common synonyms), which money unit each amount column uses, and which
// rows are data (not blank, not 合计/小计, not group headings such as "一、省重点项目").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"

namespace tuijin::domain {

enum class FieldKind { kText, kMoney, kDate, kInt, kNumber, kBool, kList };

struct ImportField {
  std::string key;    // "name", "total_investment", "funding:专项债", …
  std::string label;  // 项目名称, 总投资, …
  FieldKind kind;
  bool required;
  std::vector<std::string> synonyms;  // normalised header texts that mean this field
  std::string api_field;  // what it fills in the project API: "nature_id" for nature; "funding" for every source
};

// The funding sources the dictionary is seeded with (资金来源), in its order.
const std::vector<std::string>& DefaultFundingSources();

// Every field a project ledger can carry, in template order: the fixed ones, and one
// "funding:<label>" per funding source of the dictionary, in its order — the export writes
// a column for each, so each must map back. Seeded sources keep their common synonyms
// (专项债 ← 专项债券, 地方政府专项债券 …); a source an admin added is matched by its label.
std::vector<ImportField> ProjectImportFields(const std::vector<std::string>& funding_sources);
const ImportField* FindImportField(const std::vector<ImportField>& fields, std::string_view key);

struct GridCell {
  std::string text;
  bool is_number = false;
  bool is_date = false;
};
struct GridRow {
  int index = 0;  // 1-based row number in the sheet
  std::vector<GridCell> cells;
};
struct GridMerge {
  int first_row, first_col, last_row, last_col;  // 1-based rows, 0-based columns
};

struct ColumnInfo {
  std::string header;              // as shown to the user, e.g. "资金来源/专项债(万元)"
  std::optional<std::string> field;
  MoneyUnit unit = MoneyUnit::kWanYuan;
};

struct SheetLayout {
  bool found = false;
  int header_first = 0;  // 1-based sheet rows
  int header_last = 0;
  std::vector<ColumnInfo> columns;
};

// Looks for the header among the first rows. Amount units come from the header text
// ("总投资(亿元)"), else from a "单位:万元" line above the header, else 万元.
SheetLayout DetectLayout(const std::vector<GridRow>& rows, const std::vector<GridMerge>& merges,
                         const std::vector<ImportField>& fields);

// "总投资\n(万元)" → "总投资"; full-width brackets, spaces and line breaks removed. The unit
// in brackets, if any, goes to `unit`.
std::string NormalizeHeader(std::string_view text, std::optional<MoneyUnit>* unit = nullptr);

enum class RowKind { kData, kBlank, kTotal, kGroup };
// kGroup rows may name a level ("一、省重点项目(17个)"): returned in `level`.
RowKind ClassifyRow(const GridRow& row, const SheetLayout& layout, std::optional<std::string>* level = nullptr);

// Chinese words for stages and levels as ledgers write them → codes.
std::optional<std::string> StageFromText(std::string_view text);   // "在建", "续建", "新开工" → construction
std::optional<std::string> LevelFromText(std::string_view text);   // "省重点" → province
std::optional<int> StarFromText(std::string_view text);             // "★★★" or "3" → 3; 0–5
std::optional<bool> BoolFromText(std::string_view text);           // 是/否/已入库/未入库

}  // namespace tuijin::domain
