// Helpers shared by the libFuzzer targets (see fuzz/CMakeLists.txt and `make fuzz`).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/money.h"
#include "domain/import_layout.h"
#include "xlsx/reader.h"

namespace tuijin::fuzz {

// A property the code promises, checked on fuzzed input: a violation is a crash, which
// libFuzzer saves as a reproducer like any other.
#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

// Decimal places that show every fen of an amount in `unit`.
inline int ExactDecimals(MoneyUnit unit) {
  return unit == MoneyUnit::kYuan ? 2 : unit == MoneyUnit::kWanYuan ? 6 : 10;
}

// What the ledger import does with a cell's text: amounts in every unit (formatting a parsed
// amount and parsing it again must give the same fen), dates (a normalised date is ISO),
// and the words for stages, levels, stars and yes/no.
inline void ExerciseCellText(std::string_view text, bool is_number) {
  for (MoneyUnit unit : {MoneyUnit::kYuan, MoneyUnit::kWanYuan, MoneyUnit::kYiYuan}) {
    if (auto fen = ParseAmount(text, unit)) {
      const std::string shown = FormatAmount(*fen, unit, ExactDecimals(unit), /*separators=*/false);
      FUZZ_CHECK(ParseAmount(shown, unit) == fen);
      (void)FormatAmount(*fen, unit);
    }
  }
  for (bool date1904 : {false, true}) {
    if (auto d = NormalizeDate(text, is_number, date1904)) FUZZ_CHECK(ParseIsoDate(*d).has_value());
  }
  (void)domain::StageFromText(text);
  (void)domain::LevelFromText(text);
  if (auto stars = domain::StarFromText(text)) FUZZ_CHECK(*stars >= 0 && *stars <= 5);
  (void)domain::BoolFromText(text);
  std::optional<MoneyUnit> unit;
  (void)domain::NormalizeHeader(text, &unit);
}

// The ledger import's reading of a sheet (api/import_api.cc): rows into the grid, the header
// and its columns found, every row classified, every cell's text read as its column would.
inline void ExerciseImportGrid(const std::vector<xlsx::Row>& rows, const std::vector<xlsx::MergedRange>& merged) {
  std::vector<domain::GridRow> grid;
  grid.reserve(rows.size());
  for (const auto& r : rows) {
    domain::GridRow row;
    row.index = r.index;
    for (const auto& c : r.cells) row.cells.push_back({c.text, c.type == xlsx::CellType::kNumber, c.is_date});
    grid.push_back(std::move(row));
  }
  std::vector<domain::GridMerge> merges;
  for (const auto& m : merged) merges.push_back({m.first_row, m.first_col, m.last_row, m.last_col});
  static const auto fields = domain::ProjectImportFields(domain::DefaultFundingSources());
  const domain::SheetLayout layout = domain::DetectLayout(grid, merges, fields);
  if (layout.found) {
    FUZZ_CHECK(layout.header_first >= 1 && layout.header_first <= layout.header_last);
    for (const auto& c : layout.columns) {
      if (c.field) FUZZ_CHECK(domain::FindImportField(fields, *c.field) != nullptr);
    }
  }
  for (const auto& row : grid) {
    std::optional<std::string> level;
    (void)domain::ClassifyRow(row, layout, &level);
    for (const auto& cell : row.cells) ExerciseCellText(cell.text, cell.is_number);
  }
}

}  // namespace tuijin::fuzz
