// A thin RAII wrapper over libxlsxwriter for the ledger and export code: workbooks,
// worksheets, formats and cells, with errors as Status. No layout lives here.
//
// Coordinates are 0-based as in libxlsxwriter: row 0 is Excel row 1, column 0 is A. (The
// reader's Row::index is 1-based; its column positions are 0-based as here.)
//
// Constant-memory mode (the default) writes each row to a temp file as soon as a later row
// is started, so memory stays flat for any number of rows, at a price:
//   - rows must be written in ascending order; a write to a row before the current one
//     fails with an error (it does not silently vanish);
//   - within the current row, cells may come in any order;
//   - SetRowHeight counts as writing to its row;
//   - MergeRange writes its text into its first cell, so call it while its first row is
//     the current one (before writing any later row). The formatted blanks that give the
//     lower rows of the range their borders are written by this wrapper when a later row
//     is reached (or at Close), so a two-row header may merge A2:A3, then B2:D2, then
//     write row 3 — in that order;
//   - strings are written inline, not to the shared-string table (the reader handles both).
// Column widths and freeze panes may be set at any time.
//
// Nothing is written until Close(): destroying a writer that was not closed discards the
// workbook and leaves no file. Not thread-safe: one writer per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace tuijin::xlsx {

enum class Border { kNone, kThin, kMedium, kThick, kDouble, kDashed, kDotted, kHair };
enum class HAlign { kGeneral, kLeft, kCenter, kRight, kJustify, kCenterAcross, kDistributed };
enum class VAlign { kBottom, kTop, kCenter, kJustify, kDistributed };

// What a cell format looks like. Unset fields keep Excel's defaults (Calibri 11, no border,
// general alignment, no fill, General number format).
struct FormatSpec {
  bool bold = false;
  bool italic = false;
  std::string font_name;               // e.g. "宋体", "仿宋_GB2312"
  double font_size = 0;                // points; 0 = default
  std::optional<uint32_t> font_color;  // 0xRRGGBB
  Border border = Border::kNone;       // all four sides
  HAlign align = HAlign::kGeneral;
  VAlign valign = VAlign::kBottom;
  bool wrap = false;                   // wrap text within the cell
  std::optional<uint32_t> fill_color;  // solid background, 0xRRGGBB
  std::string num_format;              // e.g. "#,##0.00", "yyyy-mm-dd", "0.0%"
};

// A handle to a format owned by its WorkbookWriter; valid until the writer is closed or
// destroyed. A default-constructed Format means "no format".
class Format {
 public:
  Format() = default;

 private:
  friend class WorkbookWriter;
  friend class Worksheet;
  explicit Format(lxw_format* raw) : raw_(raw) {}
  lxw_format* raw_ = nullptr;
};

// A worksheet owned by its WorkbookWriter (same lifetime as Format).
class Worksheet {
 public:
  Status WriteString(int row, int col, std::string_view text, Format format = {});
  Status WriteNumber(int row, int col, double value, Format format = {});
  // A blank cell carries only a format (borders on empty cells); without one it is a no-op.
  Status WriteBlank(int row, int col, Format format);
  // `formula` like "=SUM(D4:D9)" (the "=" is optional). `cached_result` is stored as the
  // value readers and previews see until Excel recalculates; pass the computed value.
  Status WriteFormula(int row, int col, std::string_view formula, double cached_result, Format format = {});
  // A date as an Excel serial number; give it a date num_format or it shows as a number.
  Status WriteDate(int row, int col, int year, int month, int day, Format format);
  // Merges the inclusive range and writes `text` into it (first cell; the rest blank with
  // the same format). The range must be more than one cell and not overlap another.
  Status MergeRange(int first_row, int first_col, int last_row, int last_col, std::string_view text,
                    Format format = {});
  // Width in characters of the default font, as Excel's column width box.
  Status SetColumnWidth(int first_col, int last_col, double width, Format format = {});
  // Height in points.
  Status SetRowHeight(int row, double height, Format format = {});
  // Freezes the rows above `row` and the columns left of `col` (0, 0: none).
  void FreezePanes(int row, int col);

 private:
  friend class WorkbookWriter;
  struct PendingBlank {
    int row;
    int col;
    lxw_format* format;
  };
  Worksheet(lxw_worksheet* raw, bool constant_memory) : raw_(raw), constant_memory_(constant_memory) {}
  // In constant-memory mode: fails for a row before the current one, and writes the
  // queued merge blanks of rows up to `row`.
  Status BeforeRow(int row, int col);

  lxw_worksheet* raw_;
  bool constant_memory_;
  int current_row_ = 0;
  std::vector<PendingBlank> pending_;  // sorted by row
};

struct WriterOptions {
  bool constant_memory = true;
  std::string tmpdir;  // where libxlsxwriter keeps its temp files; empty = the system's
};

class WorkbookWriter {
 public:
  // Prepares a workbook to be written to `path` on Close(). Fails only when libxlsxwriter
  // cannot allocate; an unwritable path is reported by Close().
  static StatusOr<std::unique_ptr<WorkbookWriter>> Create(const std::string& path, const WriterOptions& options = {});
  ~WorkbookWriter();
  WorkbookWriter(const WorkbookWriter&) = delete;
  WorkbookWriter& operator=(const WorkbookWriter&) = delete;

  // Adds a worksheet. Names: at most 31 characters, none of []:*?/\, unique
  // (case-insensitively), not starting or ending with an apostrophe: xlsx.bad_sheet_name.
  StatusOr<Worksheet*> AddWorksheet(std::string_view name);
  Format AddFormat(const FormatSpec& spec);

  // Writes the file and releases everything (formats and worksheets become invalid). A
  // second call fails. Errors: internal (e.g. the directory does not exist), with
  // libxlsxwriter's reason in the message.
  Status Close();

 private:
  static constexpr int kMaxRowIndex = 1'048'575;
  WorkbookWriter(lxw_workbook* raw, bool constant_memory) : raw_(raw), constant_memory_(constant_memory) {}
  lxw_workbook* raw_;
  bool constant_memory_;
  std::vector<std::unique_ptr<Worksheet>> sheets_;
};

}  // namespace tuijin::xlsx
