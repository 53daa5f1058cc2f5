// An .xlsx (SpreadsheetML) writer for the ledger and export code: workbooks, worksheets,
// formats and cells, with errors as Status. No layout lives here.
//
// It writes the subset of OOXML our ledgers use, in the form Excel itself writes, so that
// Excel, WPS, LibreOffice, openpyxl and our reader (reader.h) open it: every row and cell
// carries its reference (r="B7"), text goes to the shared-string table (each distinct text
// once), formats become deduplicated entries of styles.xml, numbers are written in their
// shortest exact form. Parts are deflated with zlib at WriterOptions::compression_level
// and packed in a classic zip (what Excel writes; no zip64, so a package stays under 4 GiB).
//
// Coordinates are 0-based: row 0 is Excel row 1, column 0 is A. (The reader's Row::index
// is 1-based; its column positions are 0-based as here.)
//
// Rows are written as a stream, in ascending order:
//   - a write to a row before the current one fails with an error;
//   - within the current row, cells may come in any order; a cell written twice keeps the
//     last value;
//   - SetRowHeight counts as writing to its row;
//   - MergeRange writes its text into its first cell and formatted blanks into the others
//     of its first row; the formatted blanks that give the lower rows of the range their
//     borders are written when a later row is reached (or at Close), and a value written to
//     one of those cells replaces its blank. So a two-row header may merge A2:A3, then
//     B2:D2, then write row 3 — in that order.
// Column widths and freeze panes may be set at any time.
//
// Memory: finished rows are deflated in pieces of 256 KiB as they are written (on a helper
// thread, while later rows are composed), so a writer holds about the compressed size of
// its sheets plus the distinct strings, whatever the number of rows.
//
// Nothing is written until Close(): destroying a writer that was not closed discards the
// workbook and leaves no file. Not thread-safe: one writer per thread. (Inside, a helper
// thread deflates finished rows while later ones are composed.)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

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

// A handle to a format of one WorkbookWriter (an index into its styles). A
// default-constructed Format means "no format".
class Format {
 public:
  Format() = default;

 private:
  friend class WorkbookWriter;
  friend class Worksheet;
  explicit Format(uint32_t xf) : xf_(xf) {}
  uint32_t xf_ = 0;
};

namespace internal {
struct SharedStrings;
class Deflater;
class DeflatePipeline;
}  // namespace internal

// A worksheet owned by its WorkbookWriter; valid until the writer is closed or destroyed.
class Worksheet {
 public:
  // Errors: xlsx.cell_too_long past Excel's 32,767 characters.
  Status WriteString(int row, int col, std::string_view text, Format format = {});
  // Errors: internal for NaN and infinities, which a cell cannot hold.
  Status WriteNumber(int row, int col, double value, Format format = {});
  // The exact decimal value × 10^-decimals, e.g. (123456789, 6) is 123.456789: for money
  // kept as integers (fen written as 万元 is decimals = 6). No double on the way.
  Status WriteDecimal(int row, int col, int64_t value, int decimals, Format format = {});
  // A blank cell carries only a format (borders on empty cells); without one it is a no-op.
  Status WriteBlank(int row, int col, Format format);
  // A date as an Excel serial number (1900 date system); give it a date num_format or it
  // shows as a number. Dates before 1900-01-01 or that do not exist are an internal error.
  Status WriteDate(int row, int col, int year, int month, int day, Format format);
  // Merges the inclusive range and writes `text` into it (first cell; the rest blank with
  // the same format). The range must be more than one cell and not overlap another.
  Status MergeRange(int first_row, int first_col, int last_row, int last_col, std::string_view text,
                    Format format = {});
  // Width in characters of the default font, as Excel's column width box. A later call for
  // a column replaces an earlier one.
  Status SetColumnWidth(int first_col, int last_col, double width, Format format = {});
  // Height in points.
  Status SetRowHeight(int row, double height, Format format = {});
  // Freezes the rows above `row` and the columns left of `col` (0, 0: none).
  void FreezePanes(int row, int col);

  ~Worksheet();
  Worksheet(const Worksheet&) = delete;
  Worksheet& operator=(const Worksheet&) = delete;

 private:
  friend class WorkbookWriter;
  struct CellSpan {
    int col;
    size_t begin, end;  // in xml_, from row_begin_
  };
  struct Range {
    int first_row, first_col, last_row, last_col;
  };
  struct PendingBlank {
    int row;
    int col;
    uint32_t xf;
  };
  struct Column {
    double width = -1;  // < 0: not set
    uint32_t xf = 0;
  };

  Worksheet(std::string name, internal::SharedStrings* strings, internal::DeflatePipeline* pipeline, bool selected,
            int level);
  bool InCurrentRow(int row, int col) const {
    return row == current_row_ && col >= 0 && col <= 16'383;
  }
  // Checks the coordinates; fails for a row before the current one. Moving to a later row
  // finishes the current one and writes the merge blanks queued for the rows in between.
  Status BeforeRow(int row, int col);
  // Opens `row` (<row r="N">) with the merge blanks queued for it.
  void StartRow(int row);
  // Closes the current row: cells in column order, its height and format, </row>.
  void FinishRow();
  // Appends <c r="B7" s="3"{attrs}><v>{value}</v></c> (or <c …/> without a value) to the
  // current row. `attrs` and `value` are short: a type attribute and a number.
  void PutCell(int col, uint32_t xf, std::string_view attrs, std::string_view value);
  // The worksheet XML around the rows, after the last FinishRow.
  std::string Head() const;
  std::string Tail() const;

  std::string name_;
  internal::SharedStrings* strings_;
  internal::DeflatePipeline* pipeline_;
  bool selected_;
  std::unique_ptr<internal::Deflater> body_;  // the <row> elements, deflated
  std::string xml_;                           // <row> elements not deflated yet
  std::vector<CellSpan> cells_;      // of the current row
  int current_row_ = -1;
  bool row_open_ = false;
  size_t row_begin_ = 0;        // where the current row starts in xml_
  double current_height_ = -1;  // < 0: default
  uint32_t current_row_xf_ = 0;
  char row_ref_[12] = {};  // digits of current_row_ + 1
  size_t row_ref_len_ = 0;
  int first_row_ = -1, last_row_ = -1, first_col_ = -1, last_col_ = -1;  // the dimension
  std::vector<Range> merges_;
  std::vector<Range> open_merges_;  // those that may still overlap a new one
  std::vector<PendingBlank> pending_;  // sorted by row
  std::vector<Column> columns_;
  int freeze_row_ = 0, freeze_col_ = 0;
};

struct WriterOptions {
  // zlib deflate level of the package parts, 1 (fastest) to 9 (smallest). Level 1 takes
  // about a quarter of the time of zlib's default 6 on ledger XML, for files ~25 % larger.
  int compression_level = 1;
};

class WorkbookWriter {
 public:
  // Prepares a workbook to be written to `path` on Close(). Does not touch the file
  // system: an unwritable path is reported by Close().
  static StatusOr<std::unique_ptr<WorkbookWriter>> Create(const std::string& path, const WriterOptions& options = {});
  // Prepares a workbook that Close() leaves in `*out` (replacing what it held), e.g. for a
  // download. `out` must outlive the writer.
  static StatusOr<std::unique_ptr<WorkbookWriter>> CreateInMemory(std::string* out, const WriterOptions& options = {});
  ~WorkbookWriter();
  WorkbookWriter(const WorkbookWriter&) = delete;
  WorkbookWriter& operator=(const WorkbookWriter&) = delete;

  // Adds a worksheet. Names: at most 31 characters, none of []:*?/\, unique
  // (case-insensitively), not starting or ending with an apostrophe: xlsx.bad_sheet_name.
  // An empty name becomes "SheetN".
  StatusOr<Worksheet*> AddWorksheet(std::string_view name);
  // The same spec twice gives the same format.
  Format AddFormat(const FormatSpec& spec);

  // Writes the package (to the file or to memory) and releases everything (formats and
  // worksheets become invalid). A second call fails. Errors: internal (e.g. the directory
  // does not exist), with the reason; no file is left behind then.
  Status Close();

 private:
  struct Styles;
  WorkbookWriter(std::string path, std::string* out, const WriterOptions& options);
  std::string WorkbookXml() const;

  std::string path_;
  std::string* out_;  // in memory when set
  int level_;
  bool closed_ = false;
  std::unique_ptr<Styles> styles_;
  std::unique_ptr<internal::DeflatePipeline> pipeline_;  // deflates on a helper thread
  std::unique_ptr<internal::SharedStrings> strings_;
  std::vector<std::unique_ptr<Worksheet>> sheets_;
};

}  // namespace tuijin::xlsx
