#include "xlsx/writer.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>

namespace tuijin::xlsx {
namespace {

std::string CellName(int row, int col) {
  std::string name;
  for (int n = col + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name + std::to_string(row + 1);
}

Status FromLxw(lxw_error err, int row = -1, int col = -1) {
  if (err == LXW_NO_ERROR) return Status::Ok();
  std::string where = row >= 0 && col >= 0 ? fmt::format("单元格 {}:", CellName(row, col)) : std::string();
  switch (err) {
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
      return Status::InvalidArgument("xlsx.cell_too_long",
                                     fmt::format("{}文本超过 Excel 单元格上限 32767 个字符", where));
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
      // In constant-memory mode this is also what writing to an earlier row gives.
      return Status::Internal(fmt::format("写入 Excel 失败:{}超出表格范围,或在逐行写入模式下回写了已完成的行", where));
    default:
      return Status::Internal(fmt::format("写入 Excel 失败:{}{}", where, lxw_strerror(err)));
  }
}

Status CheckCoords(int row, int col) {
  if (row < 0 || col < 0) return Status::Internal(fmt::format("写入 Excel 失败:坐标无效({}, {})", row, col));
  return Status::Ok();
}

uint8_t LxwBorder(Border b) {
  switch (b) {
    case Border::kNone:
      return LXW_BORDER_NONE;
    case Border::kThin:
      return LXW_BORDER_THIN;
    case Border::kMedium:
      return LXW_BORDER_MEDIUM;
    case Border::kThick:
      return LXW_BORDER_THICK;
    case Border::kDouble:
      return LXW_BORDER_DOUBLE;
    case Border::kDashed:
      return LXW_BORDER_DASHED;
    case Border::kDotted:
      return LXW_BORDER_DOTTED;
    case Border::kHair:
      return LXW_BORDER_HAIR;
  }
  return LXW_BORDER_NONE;
}

uint8_t LxwAlign(HAlign a) {
  switch (a) {
    case HAlign::kGeneral:
      return LXW_ALIGN_NONE;
    case HAlign::kLeft:
      return LXW_ALIGN_LEFT;
    case HAlign::kCenter:
      return LXW_ALIGN_CENTER;
    case HAlign::kRight:
      return LXW_ALIGN_RIGHT;
    case HAlign::kJustify:
      return LXW_ALIGN_JUSTIFY;
    case HAlign::kCenterAcross:
      return LXW_ALIGN_CENTER_ACROSS;
    case HAlign::kDistributed:
      return LXW_ALIGN_DISTRIBUTED;
  }
  return LXW_ALIGN_NONE;
}

uint8_t LxwVAlign(VAlign a) {
  switch (a) {
    case VAlign::kBottom:
      return LXW_ALIGN_VERTICAL_BOTTOM;
    case VAlign::kTop:
      return LXW_ALIGN_VERTICAL_TOP;
    case VAlign::kCenter:
      return LXW_ALIGN_VERTICAL_CENTER;
    case VAlign::kJustify:
      return LXW_ALIGN_VERTICAL_JUSTIFY;
    case VAlign::kDistributed:
      return LXW_ALIGN_VERTICAL_DISTRIBUTED;
  }
  return LXW_ALIGN_VERTICAL_BOTTOM;
}

}  // namespace

// --- Worksheet ----------------------------------------------------------------------------

Status Worksheet::BeforeRow(int row, int col) {
  if (!constant_memory_) return Status::Ok();
  // libxlsxwriter refuses most writes to a finished row, but merge_range drops its text
  // silently: check here, for every write alike.
  if (row < current_row_) return FromLxw(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, row, col);
  current_row_ = row;
  // Formatted blanks of merged ranges wait for their row, in ascending order (see MergeRange).
  auto end = std::find_if(pending_.begin(), pending_.end(), [row](const PendingBlank& p) { return p.row > row; });
  for (auto it = pending_.begin(); it != end; ++it) {
    RETURN_IF_ERROR(FromLxw(worksheet_write_blank(raw_, it->row, it->col, it->format), it->row, it->col));
  }
  pending_.erase(pending_.begin(), end);
  return Status::Ok();
}

Status Worksheet::WriteString(int row, int col, std::string_view text, Format format) {
  RETURN_IF_ERROR(CheckCoords(row, col));
  RETURN_IF_ERROR(BeforeRow(row, col));
  std::string s(text);
  return FromLxw(worksheet_write_string(raw_, row, col, s.c_str(), format.raw_), row, col);
}

Status Worksheet::WriteNumber(int row, int col, double value, Format format) {
  RETURN_IF_ERROR(CheckCoords(row, col));
  RETURN_IF_ERROR(BeforeRow(row, col));
  return FromLxw(worksheet_write_number(raw_, row, col, value, format.raw_), row, col);
}

Status Worksheet::WriteBlank(int row, int col, Format format) {
  RETURN_IF_ERROR(CheckCoords(row, col));
  RETURN_IF_ERROR(BeforeRow(row, col));
  return FromLxw(worksheet_write_blank(raw_, row, col, format.raw_), row, col);
}

Status Worksheet::WriteFormula(int row, int col, std::string_view formula, double cached_result, Format format) {
  RETURN_IF_ERROR(CheckCoords(row, col));
  RETURN_IF_ERROR(BeforeRow(row, col));
  std::string f(formula);
  return FromLxw(worksheet_write_formula_num(raw_, row, col, f.c_str(), format.raw_, cached_result), row, col);
}

Status Worksheet::WriteDate(int row, int col, int year, int month, int day, Format format) {
  RETURN_IF_ERROR(CheckCoords(row, col));
  RETURN_IF_ERROR(BeforeRow(row, col));
  lxw_datetime dt = {year, month, day, 0, 0, 0};
  return FromLxw(worksheet_write_datetime(raw_, row, col, &dt, format.raw_), row, col);
}

Status Worksheet::MergeRange(int first_row, int first_col, int last_row, int last_col, std::string_view text,
                             Format format) {
  RETURN_IF_ERROR(CheckCoords(first_row, first_col));
  if (last_row < first_row || last_col < first_col || (last_row == first_row && last_col == first_col)) {
    return Status::Internal(fmt::format("写入 Excel 失败:合并范围无效({}:{})", CellName(first_row, first_col),
                                        CellName(last_row, last_col)));
  }
  RETURN_IF_ERROR(BeforeRow(first_row, first_col));
  std::string s(text);
  if (!constant_memory_) {
    return FromLxw(worksheet_merge_range(raw_, first_row, first_col, last_row, last_col, s.c_str(), format.raw_),
                   first_row, first_col);
  }
  // libxlsxwriter pads a merged range with formatted blanks right away. In constant-memory
  // mode that moves the current row to last_row, so the next range starting on first_row
  // loses its text without an error. Instead: record the range with no format (no
  // padding), write the first row now, and queue the blanks of later rows for BeforeRow.
  RETURN_IF_ERROR(FromLxw(worksheet_merge_range(raw_, first_row, first_col, last_row, last_col, s.c_str(), nullptr),
                          first_row, first_col));
  if (!format.raw_) return Status::Ok();
  if (s.empty()) {
    RETURN_IF_ERROR(FromLxw(worksheet_write_blank(raw_, first_row, first_col, format.raw_), first_row, first_col));
  } else {
    RETURN_IF_ERROR(
        FromLxw(worksheet_write_string(raw_, first_row, first_col, s.c_str(), format.raw_), first_row, first_col));
  }
  for (int c = first_col + 1; c <= last_col; ++c) {
    RETURN_IF_ERROR(FromLxw(worksheet_write_blank(raw_, first_row, c, format.raw_), first_row, c));
  }
  for (int r = first_row + 1; r <= last_row; ++r) {
    for (int c = first_col; c <= last_col; ++c) pending_.push_back({r, c, format.raw_});
  }
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const PendingBlank& a, const PendingBlank& b) { return a.row < b.row; });
  return Status::Ok();
}

Status Worksheet::SetColumnWidth(int first_col, int last_col, double width, Format format) {
  RETURN_IF_ERROR(CheckCoords(0, first_col));
  return FromLxw(worksheet_set_column(raw_, first_col, last_col, width, format.raw_));
}

Status Worksheet::SetRowHeight(int row, double height, Format format) {
  RETURN_IF_ERROR(CheckCoords(row, 0));
  RETURN_IF_ERROR(BeforeRow(row, 0));
  return FromLxw(worksheet_set_row(raw_, row, height, format.raw_), row, 0);
}

void Worksheet::FreezePanes(int row, int col) { worksheet_freeze_panes(raw_, row, col); }

// --- WorkbookWriter -------------------------------------------------------------------------

StatusOr<std::unique_ptr<WorkbookWriter>> WorkbookWriter::Create(const std::string& path,
                                                                 const WriterOptions& options) {
  lxw_workbook_options opts = {};
  opts.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  // libxlsxwriter copies the tmpdir string.
  opts.tmpdir = options.tmpdir.empty() ? nullptr : const_cast<char*>(options.tmpdir.c_str());
  lxw_workbook* raw = workbook_new_opt(path.c_str(), &opts);
  if (!raw) return Status::Internal("无法创建 Excel 工作簿(内存不足)");
  return std::unique_ptr<WorkbookWriter>(new WorkbookWriter(raw, options.constant_memory));
}

WorkbookWriter::~WorkbookWriter() {
  if (!raw_) return;
  // lxw_workbook_free does not close the temp file each constant-memory worksheet holds
  // open; without this every discarded workbook would leak a descriptor per sheet.
  for (const auto& sheet : sheets_) {
    if (sheet->raw_->optimize_tmpfile) {
      std::fclose(sheet->raw_->optimize_tmpfile);
      sheet->raw_->optimize_tmpfile = nullptr;
    }
  }
  lxw_workbook_free(raw_);
}

StatusOr<Worksheet*> WorkbookWriter::AddWorksheet(std::string_view name) {
  if (!raw_) return Status::Internal("工作簿已关闭");
  std::string n(name);
  lxw_error err = workbook_validate_sheet_name(raw_, n.c_str());
  if (err != LXW_NO_ERROR) {
    const char* why = err == LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED        ? "不能超过 31 个字符"
                      : err == LXW_ERROR_INVALID_SHEETNAME_CHARACTER    ? "不能包含 [ ] : * ? / \\"
                      : err == LXW_ERROR_SHEETNAME_ALREADY_USED         ? "已存在"
                      : err == LXW_ERROR_SHEETNAME_START_END_APOSTROPHE ? "不能以单引号开头或结尾"
                                                                        : lxw_strerror(err);
    return Status::InvalidArgument("xlsx.bad_sheet_name", fmt::format("工作表名称“{}”{}", n, why));
  }
  lxw_worksheet* ws = workbook_add_worksheet(raw_, n.empty() ? nullptr : n.c_str());
  if (!ws) return Status::Internal(fmt::format("无法添加工作表“{}”", n));
  sheets_.push_back(std::unique_ptr<Worksheet>(new Worksheet(ws, constant_memory_)));
  return sheets_.back().get();
}

Format WorkbookWriter::AddFormat(const FormatSpec& spec) {
  if (!raw_) return Format();
  lxw_format* f = workbook_add_format(raw_);
  if (!f) return Format();
  if (spec.bold) format_set_bold(f);
  if (spec.italic) format_set_italic(f);
  if (!spec.font_name.empty()) format_set_font_name(f, spec.font_name.c_str());
  if (spec.font_size > 0) format_set_font_size(f, spec.font_size);
  if (spec.font_color) format_set_font_color(f, *spec.font_color);
  if (spec.border != Border::kNone) format_set_border(f, LxwBorder(spec.border));
  if (spec.align != HAlign::kGeneral) format_set_align(f, LxwAlign(spec.align));
  if (spec.valign != VAlign::kBottom) format_set_align(f, LxwVAlign(spec.valign));
  if (spec.wrap) format_set_text_wrap(f);
  if (spec.fill_color) {
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, *spec.fill_color);
  }
  if (!spec.num_format.empty()) format_set_num_format(f, spec.num_format.c_str());
  return Format(f);
}

Status WorkbookWriter::Close() {
  if (!raw_) return Status::Internal("工作簿已关闭");
  Status pending = Status::Ok();
  for (const auto& sheet : sheets_) {
    Status s = sheet->BeforeRow(kMaxRowIndex, 0);
    if (pending.ok() && !s.ok()) pending = s;
  }
  lxw_workbook* raw = raw_;
  raw_ = nullptr;
  sheets_.clear();
  lxw_error err = workbook_close(raw);  // frees the workbook whatever the outcome
  RETURN_IF_ERROR(pending);
  if (err != LXW_NO_ERROR) {
    return Status::Internal(fmt::format("写入 Excel 文件失败:{}", lxw_strerror(err)));
  }
  return Status::Ok();
}

}  // namespace tuijin::xlsx
