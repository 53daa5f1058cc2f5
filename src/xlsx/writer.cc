#include "xlsx/writer.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>
#include <map>
#include <unordered_map>

#include "base/date.h"

namespace tuijin::xlsx {
namespace {

constexpr int kMaxRowIndex = 1'048'575;
constexpr int kMaxColIndex = 16'383;
constexpr size_t kMaxCellChars = 32'767;  // Excel's limit, in UTF-16 code units
constexpr size_t kChunkBytes = 1 << 20;    // rows XML is kept in pieces of about this size

constexpr char kXmlDecl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kMainNs[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelNs[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

void AppendUInt(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void AppendDouble(std::string& out, double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  out.append(buf, end);
}

// Writes the letters of column `col` (0 → "A", 16383 → "XFD") at `p`; returns the end.
char* PutColumn(char* p, int col) {
  char letters[4];
  int n = 0;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters[n++] = static_cast<char>('A' + (c - 1) % 26);
  while (n > 0) *p++ = letters[--n];
  return p;
}

void AppendColumn(std::string& out, int col) {
  char buf[4];
  out.append(buf, PutColumn(buf, col));
}

std::string CellName(int row, int col) {
  std::string name;
  AppendColumn(name, col);
  AppendUInt(name, static_cast<uint64_t>(row) + 1);
  return name;
}

std::string RangeRef(int first_row, int first_col, int last_row, int last_col) {
  std::string ref = CellName(first_row, first_col);
  if (last_row != first_row || last_col != first_col) ref += ":" + CellName(last_row, last_col);
  return ref;
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Bytes that need more than a copy in XML text and attribute values: markup characters,
// control characters (not allowed in XML 1.0 even as references; Excel writes them as
// _xHHHH_), CR (a parser would turn it into LF) and '_' (a literal "_x0041_" must not
// read back as "A").
struct EscapeTable {
  bool special[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) special[c] = c != '\t' && c != '\n';
    special[static_cast<unsigned char>('&')] = special[static_cast<unsigned char>('<')] = true;
    special[static_cast<unsigned char>('>')] = special[static_cast<unsigned char>('"')] = true;
    special[static_cast<unsigned char>('_')] = true;
  }
};
constexpr EscapeTable kEscape;

void AppendEscaped(std::string& out, std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kEscape.special[static_cast<unsigned char>(*p)]) ++p;
    out.append(run, p);
    if (p == end) break;
    const char c = *p++;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '_':
        if (end - p >= 6 && p[0] == 'x' && IsHex(p[1]) && IsHex(p[2]) && IsHex(p[3]) && IsHex(p[4]) && p[5] == '_') {
          out += "_x005F_";
        } else {
          out += '_';
        }
        break;
      default:
        out += fmt::format("_x{:04X}_", static_cast<unsigned>(static_cast<unsigned char>(c)));
        break;
    }
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendEscaped(out, text);
  return out;
}

// UTF-16 code units of UTF-8 text (what Excel's cell limit counts).
size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Status BadCoords(int row, int col) {
  return Status::Internal(fmt::format("写入 Excel 失败:坐标无效({}, {})", row, col));
}

}  // namespace

// --- Shared strings -----------------------------------------------------------------------

namespace internal {

// The shared-string table: each distinct text once, in order of first use, with its XML
// built as it grows. Keys point into arena blocks that never move.
struct SharedStrings {
  std::string xml;  // <si> elements
  std::unordered_map<std::string_view, uint32_t> index;
  std::vector<std::unique_ptr<char[]>> blocks;
  char* free = nullptr;
  size_t free_bytes = 0;
  uint64_t count = 0;  // references, as <sst count=…> wants

  SharedStrings() { index.reserve(4096); }

  uint32_t Add(std::string_view text) {
    ++count;
    auto it = index.find(text);
    if (it != index.end()) return it->second;
    if (free_bytes < text.size()) {
      const size_t size = std::max<size_t>(text.size(), 256 * 1024);
      blocks.push_back(std::make_unique<char[]>(size));
      free = blocks.back().get();
      free_bytes = size;
    }
    std::memcpy(free, text.data(), text.size());
    const std::string_view key(free, text.size());
    free += text.size();
    free_bytes -= text.size();
    const auto id = static_cast<uint32_t>(index.size());
    index.emplace(key, id);
    if (IsSpace(text.front()) || IsSpace(text.back())) {
      xml += "<si><t xml:space=\"preserve\">";
    } else {
      xml += "<si><t>";
    }
    AppendEscaped(xml, text);
    xml += "</t></si>";
    return id;
  }
};

}  // namespace internal

// --- Styles -------------------------------------------------------------------------------

// styles.xml: fonts, fills, borders, number formats and cell formats (xf), each distinct
// one once. Entries are kept as their XML, which is also the key that deduplicates them.
struct WorkbookWriter::Styles {
  std::vector<std::string> fonts, fills, borders, xfs;
  std::vector<std::pair<int, std::string>> num_formats;  // custom ones, id ≥ 164
  std::unordered_map<std::string, uint32_t> font_ids, fill_ids, border_ids, xf_ids, num_format_ids;

  Styles() {
    // Fills 0 and 1 are reserved by Excel; xf 0, font 0 and border 0 are the defaults.
    Intern("<fill><patternFill patternType=\"none\"/></fill>", fills, fill_ids);
    Intern("<fill><patternFill patternType=\"gray125\"/></fill>", fills, fill_ids);
    Add(FormatSpec{});
  }

  static uint32_t Intern(const std::string& xml, std::vector<std::string>& list,
                         std::unordered_map<std::string, uint32_t>& ids) {
    auto [it, added] = ids.emplace(xml, static_cast<uint32_t>(list.size()));
    if (added) list.push_back(xml);
    return it->second;
  }

  static const char* BorderStyle(Border b) {
    switch (b) {
      case Border::kNone:
        return nullptr;
      case Border::kThin:
        return "thin";
      case Border::kMedium:
        return "medium";
      case Border::kThick:
        return "thick";
      case Border::kDouble:
        return "double";
      case Border::kDashed:
        return "dashed";
      case Border::kDotted:
        return "dotted";
      case Border::kHair:
        return "hair";
    }
    return nullptr;
  }

  static const char* Horizontal(HAlign a) {
    switch (a) {
      case HAlign::kGeneral:
        return nullptr;
      case HAlign::kLeft:
        return "left";
      case HAlign::kCenter:
        return "center";
      case HAlign::kRight:
        return "right";
      case HAlign::kJustify:
        return "justify";
      case HAlign::kCenterAcross:
        return "centerContinuous";
      case HAlign::kDistributed:
        return "distributed";
    }
    return nullptr;
  }

  static const char* Vertical(VAlign a) {
    switch (a) {
      case VAlign::kBottom:
        return nullptr;
      case VAlign::kTop:
        return "top";
      case VAlign::kCenter:
        return "center";
      case VAlign::kJustify:
        return "justify";
      case VAlign::kDistributed:
        return "distributed";
    }
    return nullptr;
  }

  // Built-in formats that mean the same in every locale; anything else is custom.
  uint32_t NumFormatId(const std::string& code) {
    static const std::map<std::string, uint32_t> kBuiltin = {
        {"General", 0}, {"0", 1},     {"0.00", 2},      {"#,##0", 3}, {"#,##0.00", 4},
        {"0%", 9},      {"0.00%", 10}, {"0.00E+00", 11}, {"@", 49}};
    if (code.empty()) return 0;
    if (auto it = kBuiltin.find(code); it != kBuiltin.end()) return it->second;
    auto [it, added] = num_format_ids.emplace(code, static_cast<uint32_t>(164 + num_formats.size()));
    if (added) num_formats.emplace_back(it->second, code);
    return it->second;
  }

  uint32_t Add(const FormatSpec& spec) {
    std::string font = "<font>";
    if (spec.bold) font += "<b/>";
    if (spec.italic) font += "<i/>";
    font += "<sz val=\"";
    AppendDouble(font, spec.font_size > 0 ? spec.font_size : 11);
    font += "\"/>";
    if (spec.font_color) font += fmt::format("<color rgb=\"FF{:06X}\"/>", *spec.font_color & 0xFFFFFF);
    const std::string name = spec.font_name.empty() ? "Calibri" : spec.font_name;
    font += "<name val=\"" + Escaped(name) + "\"/>";
    // A CJK font name (宋体, 仿宋_GB2312) gets the GB2312 charset, as Excel writes it, so
    // Excel on a non-Chinese system still picks a Chinese face.
    const bool cjk = std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    font += cjk ? "<family val=\"3\"/><charset val=\"134\"/></font>" : "<family val=\"2\"/></font>";
    const uint32_t font_id = Intern(font, fonts, font_ids);

    uint32_t fill_id = 0;
    if (spec.fill_color) {
      fill_id = Intern(fmt::format("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF{:06X}\"/>"
                                   "<bgColor indexed=\"64\"/></patternFill></fill>",
                                   *spec.fill_color & 0xFFFFFF),
                       fills, fill_ids);
    }

    std::string border = "<border>";
    if (const char* style = BorderStyle(spec.border)) {
      for (const char* side : {"left", "right", "top", "bottom"}) {
        border += fmt::format("<{0} style=\"{1}\"><color auto=\"1\"/></{0}>", side, style);
      }
    } else {
      border += "<left/><right/><top/><bottom/>";
    }
    border += "<diagonal/></border>";
    const uint32_t border_id = Intern(border, borders, border_ids);

    const uint32_t num_format_id = NumFormatId(spec.num_format);
    std::string alignment;
    const char* horizontal = Horizontal(spec.align);
    const char* vertical = Vertical(spec.valign);
    if (horizontal || vertical || spec.wrap) {
      alignment = "<alignment";
      if (horizontal) alignment += fmt::format(" horizontal=\"{}\"", horizontal);
      if (vertical) alignment += fmt::format(" vertical=\"{}\"", vertical);
      if (spec.wrap) alignment += " wrapText=\"1\"";
      alignment += "/>";
    }
    std::string xf = fmt::format("<xf numFmtId=\"{}\" fontId=\"{}\" fillId=\"{}\" borderId=\"{}\" xfId=\"0\"",
                                 num_format_id, font_id, fill_id, border_id);
    if (num_format_id != 0) xf += " applyNumberFormat=\"1\"";
    if (font_id != 0) xf += " applyFont=\"1\"";
    if (fill_id != 0) xf += " applyFill=\"1\"";
    if (border_id != 0) xf += " applyBorder=\"1\"";
    xf += alignment.empty() ? "/>" : " applyAlignment=\"1\">" + alignment + "</xf>";
    return Intern(xf, xfs, xf_ids);
  }

  std::string Xml() const {
    std::string out = kXmlDecl;
    out += fmt::format("<styleSheet xmlns=\"{}\">", kMainNs);
    if (!num_formats.empty()) {
      out += fmt::format("<numFmts count=\"{}\">", num_formats.size());
      for (const auto& [id, code] : num_formats) {
        out += fmt::format("<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>", id, Escaped(code));
      }
      out += "</numFmts>";
    }
    auto list = [&out](const char* tag, const std::vector<std::string>& items) {
      out += fmt::format("<{} count=\"{}\">", tag, items.size());
      for (const auto& item : items) out += item;
      out += fmt::format("</{}>", tag);
    };
    list("fonts", fonts);
    list("fills", fills);
    list("borders", borders);
    out += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
    list("cellXfs", xfs);
    out +=
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
        "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";
    return out;
  }
};

// --- Worksheet ----------------------------------------------------------------------------

Worksheet::Worksheet(std::string name, internal::SharedStrings* strings, bool selected)
    : name_(std::move(name)), strings_(strings), selected_(selected) {
  chunks_.emplace_back();
}

Worksheet::~Worksheet() = default;

Status Worksheet::BeforeRow(int row, int col) {
  if (row < 0 || col < 0 || row > kMaxRowIndex || col > kMaxColIndex) return BadCoords(row, col);
  if (row == current_row_) return Status::Ok();
  if (row < current_row_) {
    return Status::Internal(
        fmt::format("写入 Excel 失败:单元格 {}:在逐行写入时回写了已完成的行", CellName(row, col)));
  }
  FinishRow();
  // Rows in between that hold only the blanks of merged ranges.
  while (!pending_.empty() && pending_.front().row < row) {
    StartRow(pending_.front().row);
    FinishRow();
  }
  StartRow(row);
  return Status::Ok();
}

void Worksheet::StartRow(int row) {
  current_row_ = row;
  row_open_ = true;
  current_height_ = -1;
  current_row_xf_ = 0;
  cells_.clear();
  auto [end, ec] = std::to_chars(row_ref_, row_ref_ + sizeof row_ref_, row + 1);
  row_ref_len_ = static_cast<size_t>(end - row_ref_);
  std::string& out = chunks_.back();
  row_begin_ = out.size();
  out += "<row r=\"";
  out.append(row_ref_, row_ref_len_);
  out += "\">";
  auto it = pending_.begin();
  for (; it != pending_.end() && it->row == row; ++it) PutCell(it->col, it->xf, {}, {});
  pending_.erase(pending_.begin(), it);
}

void Worksheet::PutCell(int col, uint32_t xf, std::string_view attrs, std::string_view value) {
  // Text lives in the shared strings, so a cell is a few dozen bytes: composed on the
  // stack and appended at once.
  char buf[192];
  char* p = buf;
  auto put = [&p](std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  };
  put("<c r=\"");
  p = PutColumn(p, col);
  put(std::string_view(row_ref_, row_ref_len_));
  if (xf != 0) {
    put("\" s=\"");
    p = std::to_chars(p, buf + sizeof buf, xf).ptr;
  }
  *p++ = '"';
  put(attrs);
  if (value.empty()) {
    put("/>");
  } else {
    put("><v>");
    put(value);
    put("</v></c>");
  }
  std::string& out = chunks_.back();
  cells_.push_back({col, out.size() - row_begin_, out.size() - row_begin_ + static_cast<size_t>(p - buf)});
  out.append(buf, p);
}

void Worksheet::FinishRow() {
  if (!row_open_) return;
  row_open_ = false;
  std::string& out = chunks_.back();
  if (cells_.empty() && current_height_ < 0 && current_row_xf_ == 0) {
    out.resize(row_begin_);  // nothing in it
    return;
  }
  const size_t cells_begin = row_begin_ + row_ref_len_ + std::strlen("<row r=\"\">");
  bool ascending = true;
  int min_col = kMaxColIndex, max_col = -1;
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (i > 0 && cells_[i - 1].col >= cells_[i].col) ascending = false;
    min_col = std::min(min_col, cells_[i].col);
    max_col = std::max(max_col, cells_[i].col);
  }
  if (!ascending) {
    // Cells came out of order or twice: columns in order, the last write of each wins.
    std::stable_sort(cells_.begin(), cells_.end(), [](const CellSpan& a, const CellSpan& b) { return a.col < b.col; });
    std::string sorted;
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (i + 1 < cells_.size() && cells_[i + 1].col == cells_[i].col) continue;
      sorted.append(out, row_begin_ + cells_[i].begin, cells_[i].end - cells_[i].begin);
    }
    out.resize(cells_begin);
    out += sorted;
  }
  if (current_height_ >= 0 || current_row_xf_ != 0) {
    std::string attrs;
    if (current_row_xf_ != 0) attrs += fmt::format(" s=\"{}\" customFormat=\"1\"", current_row_xf_);
    if (current_height_ >= 0) {
      attrs += " ht=\"";
      AppendDouble(attrs, current_height_);
      attrs += "\" customHeight=\"1\"";
    }
    out.insert(cells_begin - 1, attrs);  // before the '>' of <row r="N">
  }
  out += "</row>";
  if (max_col >= 0) {
    if (first_row_ < 0) first_row_ = current_row_;
    last_row_ = current_row_;
    first_col_ = first_col_ < 0 ? min_col : std::min(first_col_, min_col);
    last_col_ = std::max(last_col_, max_col);
  }
  // Chunks end at row boundaries and are handed to the zip as they are: no copy, and no
  // reallocation of one large buffer.
  if (out.size() >= kChunkBytes) {
    chunks_.emplace_back();
    chunks_.back().reserve(kChunkBytes + kChunkBytes / 8);
  }
}

Status Worksheet::WriteString(int row, int col, std::string_view text, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (text.empty()) return WriteBlank(row, col, format);  // as Excel: no empty strings
  if (text.size() > kMaxCellChars && Utf16Length(text) > kMaxCellChars) {
    return Status::InvalidArgument(
        "xlsx.cell_too_long", fmt::format("单元格 {}:文本超过 Excel 单元格上限 32767 个字符", CellName(row, col)));
  }
  char index[16];
  const char* end = std::to_chars(index, index + sizeof index, strings_->Add(text)).ptr;
  PutCell(col, format.xf_, " t=\"s\"", std::string_view(index, static_cast<size_t>(end - index)));
  return Status::Ok();
}

Status Worksheet::WriteNumber(int row, int col, double value, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (!std::isfinite(value)) {
    return Status::Internal(fmt::format("写入 Excel 失败:单元格 {}:数值无效", CellName(row, col)));
  }
  if (value == 0) value = 0;  // no "-0"
  char text[32];
  const char* end = std::to_chars(text, text + sizeof text, value).ptr;  // shortest exact form
  PutCell(col, format.xf_, {}, std::string_view(text, static_cast<size_t>(end - text)));
  return Status::Ok();
}

Status Worksheet::WriteDecimal(int row, int col, int64_t value, int decimals, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (decimals < 0 || decimals > 18) {
    return Status::Internal(fmt::format("写入 Excel 失败:单元格 {}:小数位数无效", CellName(row, col)));
  }
  char text[48];
  char* p = text;
  const uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (value < 0) *p++ = '-';
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  p = std::to_chars(p, text + sizeof text, magnitude / scale).ptr;
  if (uint64_t fraction = magnitude % scale; fraction != 0) {
    int n = decimals;
    for (; fraction % 10 == 0; fraction /= 10) --n;  // no trailing zeros
    *p++ = '.';
    for (int i = n - 1; i >= 0; --i, fraction /= 10) p[i] = static_cast<char>('0' + fraction % 10);
    p += n;
  }
  PutCell(col, format.xf_, {}, std::string_view(text, static_cast<size_t>(p - text)));
  return Status::Ok();
}

Status Worksheet::WriteBlank(int row, int col, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (format.xf_ != 0) PutCell(col, format.xf_, {}, {});
  return Status::Ok();
}

Status Worksheet::WriteFormula(int row, int col, std::string_view formula, double cached_result, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (!formula.empty() && formula.front() == '=') formula.remove_prefix(1);
  if (formula.empty() || !std::isfinite(cached_result)) {
    return Status::Internal(fmt::format("写入 Excel 失败:单元格 {}:公式无效", CellName(row, col)));
  }
  // The formula rides in the value slot: <c r=…><f>SUM(…)</f><v>cached</v></c>.
  std::string body = "<f>";
  AppendEscaped(body, formula);
  body += "</f><v>";
  AppendDouble(body, cached_result);
  body += "</v>";
  std::string& out = chunks_.back();
  const size_t begin = out.size() - row_begin_;
  out += "<c r=\"";
  AppendColumn(out, col);
  out.append(row_ref_, row_ref_len_);
  out += '"';
  if (format.xf_ != 0) out += fmt::format(" s=\"{}\"", format.xf_);
  out += '>';
  out += body;
  out += "</c>";
  cells_.push_back({col, begin, out.size() - row_begin_});
  return Status::Ok();
}

Status Worksheet::WriteDate(int row, int col, int year, int month, int day, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (year < 1900 || year > 9999 || !IsValidDay(year, month, day)) {
    return Status::Internal(
        fmt::format("写入 Excel 失败:单元格 {}:日期 {}-{}-{} 无效", CellName(row, col), year, month, day));
  }
  // Days since 1899-12-30; Excel counts a 1900-02-29 that never was, so dates before
  // 1900-03-01 are one less.
  int64_t serial = DaysFromCivil(year, month, day) - DaysFromCivil(1899, 12, 30);
  if (serial < 61) --serial;
  char text[16];
  const char* end = std::to_chars(text, text + sizeof text, serial).ptr;
  PutCell(col, format.xf_, {}, std::string_view(text, static_cast<size_t>(end - text)));
  return Status::Ok();
}

Status Worksheet::MergeRange(int first_row, int first_col, int last_row, int last_col, std::string_view text,
                             Format format) {
  if (first_row < 0 || first_col < 0 || last_row > kMaxRowIndex || last_col > kMaxColIndex || last_row < first_row ||
      last_col < first_col || (last_row == first_row && last_col == first_col)) {
    return Status::Internal(fmt::format("写入 Excel 失败:合并范围无效({}:{})", CellName(first_row, first_col),
                                        CellName(last_row, last_col)));
  }
  RETURN_IF_ERROR(BeforeRow(first_row, first_col));
  // Rows only go down: a range that ends above this one can overlap no later range.
  std::erase_if(open_merges_, [&](const Range& m) { return m.last_row < first_row; });
  for (const Range& m : open_merges_) {
    if (m.first_row <= last_row && first_row <= m.last_row && m.first_col <= last_col && first_col <= m.last_col) {
      return Status::Internal(fmt::format("写入 Excel 失败:合并范围 {} 与 {} 重叠",
                                          RangeRef(first_row, first_col, last_row, last_col),
                                          RangeRef(m.first_row, m.first_col, m.last_row, m.last_col)));
    }
  }
  RETURN_IF_ERROR(WriteString(first_row, first_col, text, format));
  merges_.push_back({first_row, first_col, last_row, last_col});
  open_merges_.push_back(merges_.back());
  if (format.xf_ == 0) return Status::Ok();
  for (int c = first_col + 1; c <= last_col; ++c) RETURN_IF_ERROR(WriteBlank(first_row, c, format));
  std::vector<PendingBlank> lower;
  for (int r = first_row + 1; r <= last_row; ++r) {
    for (int c = first_col; c <= last_col; ++c) lower.push_back({r, c, format.xf_});
  }
  // Keep pending_ sorted by row, earlier merges first within a row.
  for (const PendingBlank& blank : lower) {
    auto at = std::upper_bound(pending_.begin(), pending_.end(), blank.row,
                               [](int row, const PendingBlank& p) { return row < p.row; });
    pending_.insert(at, blank);
  }
  return Status::Ok();
}

Status Worksheet::SetColumnWidth(int first_col, int last_col, double width, Format format) {
  if (first_col < 0 || last_col > kMaxColIndex || last_col < first_col || !(width >= 0 && width <= 255)) {
    return Status::Internal(fmt::format("写入 Excel 失败:列宽设置无效(列 {}–{},宽 {})", first_col, last_col, width));
  }
  if (columns_.size() < static_cast<size_t>(last_col) + 1) columns_.resize(static_cast<size_t>(last_col) + 1);
  for (int c = first_col; c <= last_col; ++c) columns_[c] = {width, format.xf_};
  return Status::Ok();
}

Status Worksheet::SetRowHeight(int row, double height, Format format) {
  RETURN_IF_ERROR(BeforeRow(row, 0));
  if (!(height >= 0 && height <= 409)) {
    return Status::Internal(fmt::format("写入 Excel 失败:第 {} 行行高 {} 无效", row + 1, height));
  }
  current_height_ = height;
  current_row_xf_ = format.xf_;
  return Status::Ok();
}

void Worksheet::FreezePanes(int row, int col) {
  freeze_row_ = std::clamp(row, 0, kMaxRowIndex);
  freeze_col_ = std::clamp(col, 0, kMaxColIndex);
}

std::string Worksheet::Head() const {
  std::string out = kXmlDecl;
  out += fmt::format("<worksheet xmlns=\"{}\" xmlns:r=\"{}\">", kMainNs, kRelNs);
  out += "<dimension ref=\"" +
         (first_row_ < 0 ? std::string("A1") : RangeRef(first_row_, first_col_, last_row_, last_col_)) + "\"/>";
  out += "<sheetViews><sheetView ";
  if (selected_) out += "tabSelected=\"1\" ";
  out += "workbookViewId=\"0\"";
  if (freeze_row_ == 0 && freeze_col_ == 0) {
    out += "/>";
  } else {
    // As Excel writes a frozen pane: the split, the first unfrozen cell, a selection per pane.
    const std::string top_left = CellName(freeze_row_, freeze_col_);
    out += "><pane";
    if (freeze_col_ > 0) out += fmt::format(" xSplit=\"{}\"", freeze_col_);
    if (freeze_row_ > 0) out += fmt::format(" ySplit=\"{}\"", freeze_row_);
    const char* active = freeze_row_ > 0 && freeze_col_ > 0 ? "bottomRight" : freeze_row_ > 0 ? "bottomLeft" : "topRight";
    out += fmt::format(" topLeftCell=\"{}\" activePane=\"{}\" state=\"frozen\"/>", top_left, active);
    if (freeze_row_ > 0 && freeze_col_ > 0) {
      const std::string top_right = CellName(0, freeze_col_), bottom_left = CellName(freeze_row_, 0);
      out += fmt::format("<selection pane=\"topRight\" activeCell=\"{0}\" sqref=\"{0}\"/>", top_right);
      out += fmt::format("<selection pane=\"bottomLeft\" activeCell=\"{0}\" sqref=\"{0}\"/>", bottom_left);
    }
    out += fmt::format("<selection pane=\"{}\"/></sheetView>", active);
  }
  out += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
  bool any_column = false;
  for (size_t c = 0; c < columns_.size();) {
    const Column& col = columns_[c];
    size_t end = c + 1;
    while (end < columns_.size() && columns_[end].width == col.width && columns_[end].xf == col.xf) ++end;
    if (col.width >= 0) {
      if (!any_column) out += "<cols>";
      any_column = true;
      // Excel stores the width with the cell padding of its default font (Calibri 11: 7 px
      // digits, 5 px padding), in 1/256 of a character.
      const double pixels = col.width < 1 ? std::floor(col.width * 12 + 0.5) : std::floor(col.width * 7 + 0.5) + 5;
      const double stored = std::floor(pixels / 7 * 256) / 256;
      out += fmt::format("<col min=\"{}\" max=\"{}\" width=\"", c + 1, end);
      AppendDouble(out, stored);
      out += "\"";
      if (col.xf != 0) out += fmt::format(" style=\"{}\"", col.xf);
      out += " customWidth=\"1\"/>";
    }
    c = end;
  }
  if (any_column) out += "</cols>";
  out += "<sheetData>";
  return out;
}

std::string Worksheet::Tail() const {
  std::string out = "</sheetData>";
  if (!merges_.empty()) {
    out += fmt::format("<mergeCells count=\"{}\">", merges_.size());
    for (const Range& m : merges_) {
      out += "<mergeCell ref=\"" + RangeRef(m.first_row, m.first_col, m.last_row, m.last_col) + "\"/>";
    }
    out += "</mergeCells>";
  }
  out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";
  out += "</worksheet>";
  return out;
}

// --- WorkbookWriter -------------------------------------------------------------------------

WorkbookWriter::WorkbookWriter(std::string path, const WriterOptions& options)
    : path_(std::move(path)),
      options_(options),
      styles_(std::make_unique<Styles>()),
      strings_(std::make_unique<internal::SharedStrings>()) {
  options_.compression_level = std::clamp(options_.compression_level, 1, 9);
}

WorkbookWriter::~WorkbookWriter() = default;

StatusOr<std::unique_ptr<WorkbookWriter>> WorkbookWriter::Create(const std::string& path,
                                                                 const WriterOptions& options) {
  return std::unique_ptr<WorkbookWriter>(new WorkbookWriter(path, options));
}

StatusOr<Worksheet*> WorkbookWriter::AddWorksheet(std::string_view name) {
  if (closed_) return Status::Internal("工作簿已关闭");
  std::string n = name.empty() ? fmt::format("Sheet{}", sheets_.size() + 1) : std::string(name);
  auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  const char* why = nullptr;
  if (CodePoints(n) > 31) {
    why = "不能超过 31 个字符";
  } else if (n.find_first_of("[]:*?/\\") != std::string::npos) {
    why = "不能包含 [ ] : * ? / \\";
  } else if (n.front() == '\'' || n.back() == '\'') {
    why = "不能以单引号开头或结尾";
  } else if (std::any_of(sheets_.begin(), sheets_.end(),
                         [&](const auto& s) { return lower(s->name_) == lower(n); })) {
    why = "已存在";
  }
  if (why) return Status::InvalidArgument("xlsx.bad_sheet_name", fmt::format("工作表名称“{}”{}", n, why));
  sheets_.push_back(std::unique_ptr<Worksheet>(new Worksheet(std::move(n), strings_.get(), sheets_.empty())));
  return sheets_.back().get();
}

Format WorkbookWriter::AddFormat(const FormatSpec& spec) {
  if (closed_) return Format();
  return Format(styles_->Add(spec));
}

std::string WorkbookWriter::WorkbookXml() const {
  std::string out = kXmlDecl;
  out += fmt::format("<workbook xmlns=\"{}\" xmlns:r=\"{}\">", kMainNs, kRelNs);
  out += "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/>";
  out += "</bookViews><sheets>";
  for (size_t i = 0; i < sheets_.size(); ++i) {
    out += fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", Escaped(sheets_[i]->name_), i + 1, i + 1);
  }
  // Formulas carry cached results; Excel recalculates them when it opens the file.
  out += "</sheets><calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>";
  return out;
}

namespace {

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

Status WorkbookWriter::Close() {
  if (closed_) return Status::Internal("工作簿已关闭");
  closed_ = true;
  if (sheets_.empty()) return Status::Internal("写入 Excel 失败:工作簿没有工作表");
  for (const auto& sheet : sheets_) {
    sheet->FinishRow();
    while (!sheet->pending_.empty()) {
      sheet->StartRow(sheet->pending_.front().row);
      sheet->FinishRow();
    }
  }
  const bool has_strings = !strings_->index.empty();

  // The package: fixed parts, then each sheet as fragments (head, row chunks, tail), so
  // that the rows are not copied once more.
  std::vector<std::pair<std::string, std::string>> parts;
  std::string types = kXmlDecl;
  types +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/docProps/app.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (size_t i = 0; i < sheets_.size(); ++i) {
    types += fmt::format(
        "<Override PartName=\"/xl/worksheets/sheet{}.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
        i + 1);
  }
  if (has_strings) {
    types +=
        "<Override PartName=\"/xl/sharedStrings.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  }
  types += "</Types>";
  parts.emplace_back("[Content_Types].xml", std::move(types));
  parts.emplace_back(
      "_rels/.rels",
      std::string(kXmlDecl) +
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" "
          "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
          "Target=\"xl/workbook.xml\"/>"
          "<Relationship Id=\"rId2\" "
          "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
          "Target=\"docProps/core.xml\"/>"
          "<Relationship Id=\"rId3\" "
          "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
          "Target=\"docProps/app.xml\"/></Relationships>");
  // "Microsoft Excel" as libxlsxwriter and openpyxl write it: some readers key their
  // compatibility handling on the application name.
  parts.emplace_back("docProps/app.xml",
                     std::string(kXmlDecl) +
                         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
                         "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                         "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
                         "<ScaleCrop>false</ScaleCrop></Properties>");
  char created[32];
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &utc);
  parts.emplace_back(
      "docProps/core.xml",
      std::string(kXmlDecl) +
          "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
          "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
          "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
          "<dc:creator>tuijin</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
          created + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + created +
          "</dcterms:modified></cp:coreProperties>");
  parts.emplace_back("xl/workbook.xml", WorkbookXml());
  std::string rels = std::string(kXmlDecl) +
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < sheets_.size(); ++i) {
    rels += fmt::format(
        "<Relationship Id=\"rId{}\" Type=\"{}/worksheet\" Target=\"worksheets/sheet{}.xml\"/>", i + 1, kRelNs, i + 1);
  }
  rels += fmt::format("<Relationship Id=\"rId{}\" Type=\"{}/styles\" Target=\"styles.xml\"/>", sheets_.size() + 1,
                      kRelNs);
  if (has_strings) {
    rels += fmt::format("<Relationship Id=\"rId{}\" Type=\"{}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
                        sheets_.size() + 2, kRelNs);
  }
  rels += "</Relationships>";
  parts.emplace_back("xl/_rels/workbook.xml.rels", std::move(rels));
  parts.emplace_back("xl/styles.xml", styles_->Xml());
  std::string sst_head, sst_tail;
  if (has_strings) {
    sst_head = std::string(kXmlDecl) + fmt::format("<sst xmlns=\"{}\" count=\"{}\" uniqueCount=\"{}\">", kMainNs,
                                                   strings_->count, strings_->index.size());
    sst_tail = "</sst>";
  }
  std::vector<std::array<std::string, 2>> sheet_ends;  // head and tail of each sheet
  for (const auto& sheet : sheets_) sheet_ends.push_back({sheet->Head(), sheet->Tail()});

  int err = 0;
  std::unique_ptr<zip_t, ZipDiscard> zip(zip_open(path_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err));
  if (!zip) {
    zip_error_t e;
    zip_error_init_with_code(&e, err);
    Status st = Status::Internal(fmt::format("写入 Excel 文件失败:{}", zip_error_strerror(&e)));
    zip_error_fini(&e);
    return st;
  }
  auto zip_failure = [&] { return Status::Internal(fmt::format("写入 Excel 文件失败:{}", zip_strerror(zip.get()))); };
  auto add = [&](const std::string& name, std::vector<zip_buffer_fragment_t> fragments) -> Status {
    std::erase_if(fragments, [](const zip_buffer_fragment_t& f) { return f.length == 0; });
    zip_source_t* source = zip_source_buffer_fragment(zip.get(), fragments.data(), fragments.size(), 0);
    if (!source) return zip_failure();
    const zip_int64_t index = zip_file_add(zip.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      return zip_failure();
    }
    if (zip_set_file_compression(zip.get(), static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE,
                                 static_cast<zip_uint32_t>(options_.compression_level)) != 0) {
      return zip_failure();
    }
    return Status::Ok();
  };
  auto fragment = [](const std::string& s) {
    return zip_buffer_fragment_t{reinterpret_cast<zip_uint8_t*>(const_cast<char*>(s.data())), s.size()};
  };
  for (const auto& [name, xml] : parts) RETURN_IF_ERROR(add(name, {fragment(xml)}));
  for (size_t i = 0; i < sheets_.size(); ++i) {
    std::vector<zip_buffer_fragment_t> fragments = {fragment(sheet_ends[i][0])};
    for (const std::string& chunk : sheets_[i]->chunks_) fragments.push_back(fragment(chunk));
    fragments.push_back(fragment(sheet_ends[i][1]));
    RETURN_IF_ERROR(add(fmt::format("xl/worksheets/sheet{}.xml", i + 1), std::move(fragments)));
  }
  if (has_strings) {
    RETURN_IF_ERROR(add("xl/sharedStrings.xml", {fragment(sst_head), fragment(strings_->xml), fragment(sst_tail)}));
  }
  // zip_close writes a temporary file beside `path` and renames it; on failure it removes
  // it and leaves the archive to discard.
  if (zip_close(zip.get()) != 0) return zip_failure();
  zip.release();
  sheets_.clear();
  return Status::Ok();
}

}  // namespace tuijin::xlsx
