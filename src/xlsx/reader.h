// Streaming .xlsx reader: libzip opens the package, expat parses each part in 64 KiB chunks,
// so memory stays bounded by one row plus the shared-string table, whatever the sheet size.
//
// What it reads: worksheet names (workbook order), cell values of one worksheet row by row,
// its merged ranges, and whether a number cell is styled as a date. It does not evaluate
// formulas: a formula cell yields the value Excel cached when the file was saved.
//
// Errors are Status values with a Chinese message and a stable code:
//   xlsx.not_zip           the bytes are not a zip archive
//   xlsx.legacy_xls        an old .xls or an encrypted workbook (an OLE compound file)
//   xlsx.open_failed       the file could not be opened or read
//   xlsx.no_sheet          the zip has no workbook or no worksheet (or no such sheet index)
//   xlsx.bad_xml           a part is not well-formed XML, or a cell is malformed (line named)
//   xlsx.corrupt           the compressed data of a part is damaged or truncated
//   xlsx.too_large         a part inflates past the size limit or ratio (zip bomb)
//   xlsx.too_many_rows     a row with values lies past ReaderOptions::max_rows
//   xlsx.too_many_columns  a cell lies past column XFD (16384)
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "xlsx/cell_ref.h"

namespace tuijin::xlsx {

enum class CellType { kEmpty, kString, kNumber, kBool, kError };

struct Cell {
  CellType type = CellType::kEmpty;
  // kString: the text (rich-text runs joined, phonetic runs dropped).
  // kNumber: the number exactly as written in the XML ("12345.67", "45000", "1.2E-3");
  //          convert with ParseNumber, or with ParseAmount (base/money.h) for money.
  // kBool:   "TRUE" or "FALSE".
  // kError:  the error literal, e.g. "#DIV/0!".
  std::string text;
  // kNumber styled with a date/time number format: text is an Excel serial day number
  // (see Workbook::date1904). Also set on kString cells of type t="d" (ISO 8601 text).
  bool is_date = false;
};

struct Row {
  int index = 0;            // 1-based row number as Excel shows it
  std::vector<Cell> cells;  // dense by column, A = 0; trailing empty cells are dropped
};

// A merged range, inclusive. Rows are 1-based like Row::index, columns 0-based like the
// position in Row::cells, so a range can be matched against rows without conversion.
struct MergedRange {
  int first_row = 0;
  int first_col = 0;
  int last_row = 0;
  int last_col = 0;
  bool operator==(const MergedRange&) const = default;
};

struct SheetContents {
  std::vector<Row> rows;
  std::vector<MergedRange> merged;
};

struct ReaderOptions {
  // Rows with values are allowed up to this row number; past it: xlsx.too_many_rows.
  int max_rows = kMaxRows;
  // No part may declare or actually inflate to more than this many bytes.
  uint64_t max_part_bytes = 256ull << 20;
  // Parts larger than ratio_min_bytes may not inflate more than max_ratio times their
  // compressed size (declared and actual).
  uint64_t max_ratio = 200;
  uint64_t ratio_min_bytes = 1ull << 20;
};

// Return false to stop reading.
using RowCallback = std::function<bool(const Row&)>;

// An open .xlsx package. Not thread-safe: use one Workbook per thread. Sheets may be read
// any number of times, in any order.
class Workbook {
 public:
  // Opens a file. Reads workbook.xml, its relationships, styles and shared strings; sheet
  // data is read only by ReadRows/ReadAll.
  static StatusOr<std::unique_ptr<Workbook>> OpenFile(const std::string& path, const ReaderOptions& options = {});
  // Opens an in-memory package (e.g. an upload). `data` is not copied: it must outlive
  // the Workbook. Passing a temporary std::string does not compile, since the Workbook
  // would read freed memory (sheets are inflated from `data` when read).
  static StatusOr<std::unique_ptr<Workbook>> OpenBuffer(std::string_view data, const ReaderOptions& options = {});
  static StatusOr<std::unique_ptr<Workbook>> OpenBuffer(std::string&& data, const ReaderOptions& options = {}) = delete;

  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // Names of the worksheets in workbook order (hidden ones included, chart sheets not).
  // Never empty: Open fails with xlsx.no_sheet when there is no worksheet.
  const std::vector<std::string>& sheet_names() const;

  // True when the workbook uses the 1904 date system (serial 0 = 1904-01-01). Files from
  // Excel for Windows and WPS use the 1900 system.
  bool date1904() const;

  // Streams the rows of worksheet `sheet` (0 = first) in file order to `on_row`. Only rows
  // with at least one value are delivered; Row::index tells where each one lies, so gaps
  // are visible. The Row passed is reused: copy what you keep. When on_row returns false
  // reading stops at once and the result is OK; merged ranges come after the rows in the
  // file, so they are returned only when every row was read.
  StatusOr<std::vector<MergedRange>> ReadRows(int sheet, const RowCallback& on_row) const;

  // Every row with values of worksheet `sheet`, and its merged ranges: ReadRows collected,
  // for small sheets and tests.
  StatusOr<SheetContents> ReadAll(int sheet = 0) const;

 private:
  struct Impl;
  explicit Workbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "A1:C2" for a merged range (a single cell as "B3").
std::string RangeName(const MergedRange& range);

// Number cell text → double ("1.2E-3" → 0.0012). nullopt for anything else. For money
// use ParseAmount (base/money.h), which is exact.
std::optional<double> ParseNumber(std::string_view text);

}  // namespace tuijin::xlsx
