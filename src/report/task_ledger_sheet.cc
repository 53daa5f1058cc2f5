#include "report/task_ledger_sheet.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <set>

#include "base/date.h"
#include "base/text.h"
#include "domain/import_layout.h"
#include "report/sheet_formats.h"
#include "xlsx/reader.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

// The columns the reader knows, keyed as TaskLedgerRow's error fields; synonyms are header
// texts after domain::NormalizeHeader (brackets, spaces and line breaks removed).
const std::vector<domain::ImportField>& Fields() {
  using K = domain::FieldKind;
  static const std::vector<domain::ImportField> kFields = {
      {"seq", "序号", K::kInt, false, {"序号", "编号", "任务序号", "任务编号"}, "task_seq"},
      {"area",
       "方面",
       K::kText,
       false,
       {"方面", "领域", "工作方面", "重点领域", "工作领域", "板块", "任务方面"},
       "area"},
      {"title",
       "任务内容",
       K::kText,
       true,
       {"任务内容", "工作任务", "任务", "重点任务", "具体任务", "工作内容", "任务名称", "要点任务", "工作要点",
        "主要任务", "任务事项", "工作事项", "具体工作任务", "工作措施", "具体措施"},
       "title"},
      {"lead_unit",
       "牵头单位",
       K::kText,
       true,
       {"牵头单位", "责任单位", "牵头部门", "责任部门", "主责单位", "牵头责任单位", "主要责任单位", "责任主体"},
       "lead_unit_id"},
      {"co_units",
       "配合单位",
       K::kList,
       false,
       {"配合单位", "协办单位", "配合部门", "协同单位", "责任配合单位", "参与单位", "协助单位"},
       "co_unit_ids"},
      {"deadline",
       "完成时限",
       K::kDate,
       false,
       {"完成时限", "完成时间", "办理时限", "时间节点", "时限", "完成期限", "截止时间", "时限要求", "完成时间节点"},
       "deadline"},
      {"category", "类别", K::kText, false, {"类别", "督办类别", "任务类别", "问题类别"}, "category"},
      {"note", "备注", K::kText, false, {"备注", "说明"}, "note"},
  };
  return kFields;
}

std::string_view Trim(std::string_view s) {
  for (;;) {
    s = TrimSpace(s);
    if (s.starts_with("\u3000"))
      s.remove_prefix(3);
    else if (s.ends_with("\u3000"))
      s.remove_suffix(3);
    else
      return s;
  }
}

bool Has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Names written in one cell: 区发改局、区财政局 / 区发改局,区财政局 / one per line.
std::vector<std::string> SplitNames(std::string_view text) {
  std::string s(text);
  // 、 ， ； ／ (full-width), the ideographic space and the no-break space; ASCII , ; / and
  // white space below.
  for (std::string_view sep : {"、", "\uFF0C", "\uFF1B", "\uFF0F", "\u3000", "\u00A0"}) {
    for (size_t pos = 0; (pos = s.find(sep, pos)) != std::string::npos;) s.replace(pos, sep.size(), ",");
  }
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && std::string_view(",;/ \t\r\n").find(s[i]) == std::string_view::npos) continue;
    std::string name(Trim(std::string_view(s).substr(start, i - start)));
    start = i + 1;
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

std::string LastDay(int year, int month) { return FormatDate({year, month, DaysInMonth(year, month)}); }

// A year written with four digits at the start of `s` ("2026年…").
std::optional<int> LeadingYear(std::string_view s) {
  if (s.size() < 4 || !AllDigits(s.substr(0, 4))) return std::nullopt;
  return static_cast<int>(*ParseDigits(s.substr(0, 4)));
}

std::string WithoutSuffix(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (bool again = true; again;) {
    again = false;
    for (std::string_view suffix : suffixes) {
      if (s.size() > suffix.size() && s.ends_with(suffix)) {
        s.remove_suffix(suffix.size());
        again = true;
      }
    }
  }
  return std::string(s);
}

// 序号 as written: 3, 3.0 (a number cell), "3、", "3.", "(3)".
std::optional<int> ParseSeq(std::string_view raw, bool number_cell) {
  if (number_cell) {
    const auto v = xlsx::ParseNumber(raw);
    if (!v || *v < 1 || *v > 1'000'000 || std::floor(*v) != *v) return std::nullopt;
    return static_cast<int>(*v);
  }
  std::string s = domain::NormalizeHeader(raw);  // full-width brackets and spaces go
  if (s.empty() && !raw.empty()) {               // "(3)": the digits were in the brackets
    s = std::string(raw);
    std::erase_if(s, [](char c) { return c == '(' || c == ')'; });
  }
  s = WithoutSuffix(s, {"、", ".", "\uFF0E"});
  const auto n = ParseDigits(s);
  if (!n || *n < 1 || *n > 1'000'000) return std::nullopt;
  return static_cast<int>(*n);
}

// A heading's text without its numbering and count: "一、优化政务服务(12项)" → 优化政务服务.
std::string HeadingText(std::string_view raw) {
  std::string s = domain::NormalizeHeader(raw);
  static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  size_t i = 0;
  for (bool more = true; more;) {
    more = false;
    for (std::string_view n : kNumerals) {
      if (std::string_view(s).substr(i).starts_with(n)) {
        i += n.size();
        more = true;
      }
    }
  }
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  std::string_view rest = std::string_view(s).substr(i);
  if (i > 0) {
    for (std::string_view sep : {"、", ".", "\uFF0E", ":"}) {  // NormalizeHeader made ： into :
      if (rest.starts_with(sep)) {
        rest.remove_prefix(sep.size());
        break;
      }
    }
  }
  return std::string(rest.empty() ? std::string_view(s) : rest);
}

struct Grid {
  std::vector<xlsx::Row> rows;
  std::vector<xlsx::MergedRange> merged;
  bool capped = false;  // more rows than kept: past the limit
};

StatusOr<Grid> ReadSheet(const xlsx::Workbook& book, int sheet) {
  Grid g;
  // Enough rows for the header (within the first 20) and one task past the limit.
  const size_t keep = kMaxTaskLedgerRows + 21;
  ASSIGN_OR_RETURN(g.merged, book.ReadRows(sheet, [&](const xlsx::Row& row) {
    if (g.rows.size() == keep) {
      g.capped = true;
      return false;
    }
    g.rows.push_back(row);
    return true;
  }));
  return g;
}

domain::SheetLayout Layout(const Grid& g) {
  std::vector<domain::GridRow> rows;
  for (const auto& r : g.rows) {
    if (r.index > 20) break;
    domain::GridRow& out = rows.emplace_back();
    out.index = r.index;
    for (const auto& c : r.cells) out.cells.push_back({c.text, c.type == xlsx::CellType::kNumber, c.is_date});
  }
  std::vector<domain::GridMerge> merges;
  for (const auto& m : g.merged) merges.push_back({m.first_row, m.first_col, m.last_row, m.last_col});
  return domain::DetectLayout(rows, merges, Fields());
}

// Reads the rows under the header of `g`, laid out as `layout`.
class RowReader {
 public:
  RowReader(const Grid& g, const domain::SheetLayout& layout, bool date1904) : g_(g), date1904_(date1904) {
    for (size_t c = 0; c < layout.columns.size(); ++c) {
      const auto& col = layout.columns[c];
      if (!col.field) continue;
      column_[*col.field] = static_cast<int>(c);
      header_[*col.field] = domain::NormalizeHeader(col.header);
    }
    // The text of each merge's first cell, for the cells below it.
    for (const auto& m : g.merged) {
      if (m.last_row > m.first_row) merges_.push_back(m);
    }
    for (const auto& r : g.rows) {
      for (const auto& m : merges_) {
        if (r.index == m.first_row && static_cast<size_t>(m.first_col) < r.cells.size()) {
          merge_text_[{m.first_row, m.first_col}] = r.cells[m.first_col].text;
        }
      }
    }
  }

  bool Has(const std::string& field) const { return column_.count(field) > 0; }

  void Read(int header_last, std::vector<TaskLedgerRow>& out) {
    std::string area;  // the 方面 that goes on down
    std::map<int, int> seq_rows;
    for (const xlsx::Row& r : g_.rows) {
      if (r.index <= header_last) continue;
      // What the row says, field by field, and in how many cells.
      int filled = 0;
      int filled_col = -1;  // the first cell with text
      for (size_t c = 0; c < r.cells.size(); ++c) {
        if (Trim(r.cells[c].text).empty()) continue;
        if (filled++ == 0) filled_col = static_cast<int>(c);
      }
      if (filled == 0) continue;
      const std::string seq_text = Own(r, "seq");
      const std::string title = Own(r, "title");
      const std::string lead = Value(r, "lead_unit");
      const std::string own_lead = Own(r, "lead_unit");
      const xlsx::Cell* seq_cell = CellOf(r, "seq");
      if (filled == 1 && seq_cell && ParseSeq(seq_text, seq_cell->type == xlsx::CellType::kNumber)) {
        continue;  // a numbered blank row of a template
      }
      const std::string first = domain::NormalizeHeader(r.cells[filled_col].text);
      if (first.starts_with("合计") || first.starts_with("小计") || first.starts_with("总计")) continue;
      // A heading: one cell of text, in the 序号 or 方面 column or a column of no field (or
      // merged across the row), no task and no unit.
      if (filled == 1 && title.empty() && own_lead.empty() &&
          (filled_col == Column("seq") || filled_col == Column("area") || !FieldAt(filled_col) ||
           MergedAcross(r.index, filled_col))) {
        area = HeadingText(r.cells[filled_col].text);
        continue;
      }
      TaskLedgerRow& t = out.emplace_back();
      t.row = r.index;
      ReadSeq(r, seq_text, out.size(), t);
      if (auto it = seq_rows.emplace(t.seq, t.row); !it.second) {
        Error(t, "seq", fmt::format("{} 与第 {} 行重复", t.seq, it.first->second));
      }
      const std::string own_area = Value(r, "area");
      if (!own_area.empty()) area = own_area;
      t.area = area;
      t.title = title;
      if (t.title.empty()) Error(t, "title", "为空:请填写任务内容");
      std::vector<std::string> leads = SplitNames(lead);
      if (leads.empty()) {
        Error(t, "lead_unit", "为空:请填写一个牵头单位");
      } else {
        t.lead_unit = leads.front();
      }
      for (size_t i = 1; i < leads.size(); ++i) t.co_units.push_back(leads[i]);
      for (std::string& name : SplitNames(Value(r, "co_units"))) {
        if (name != t.lead_unit && std::find(t.co_units.begin(), t.co_units.end(), name) == t.co_units.end()) {
          t.co_units.push_back(std::move(name));
        }
      }
      ReadDeadline(r, t);
      t.category = Value(r, "category");
      t.note = Own(r, "note");
    }
  }

 private:
  int Column(const std::string& field) const {
    auto it = column_.find(field);
    return it == column_.end() ? -1 : it->second;
  }
  bool FieldAt(int col) const {
    for (const auto& [field, c] : column_) {
      if (c == col) return true;
    }
    return false;
  }
  bool MergedAcross(int row, int col) const {
    for (const auto& m : g_.merged) {
      if (m.first_row == row && m.first_col == col && m.last_col - m.first_col >= 2) return true;
    }
    return false;
  }
  const xlsx::Cell* CellOf(const xlsx::Row& r, const std::string& field) const {
    const int c = Column(field);
    return c >= 0 && static_cast<size_t>(c) < r.cells.size() ? &r.cells[c] : nullptr;
  }
  // The cell's own text, trimmed.
  std::string Own(const xlsx::Row& r, const std::string& field) const {
    const xlsx::Cell* cell = CellOf(r, field);
    return cell ? std::string(Trim(cell->text)) : "";
  }
  // The cell's text, or that of a cell merged down over it.
  std::string Value(const xlsx::Row& r, const std::string& field) const {
    std::string own = Own(r, field);
    if (!own.empty()) return own;
    const int c = Column(field);
    for (const auto& m : merges_) {
      if (m.first_col <= c && c <= m.last_col && m.first_row < r.index && r.index <= m.last_row) {
        auto it = merge_text_.find({m.first_row, m.first_col});
        if (it != merge_text_.end()) return std::string(Trim(it->second));
      }
    }
    return "";
  }

  // "第7行“任务内容”为空:…": the row and the column as the sheet names it.
  void Error(TaskLedgerRow& t, const std::string& field, const std::string& what) const {
    auto it = header_.find(field);
    const std::string column = it != header_.end() && !it->second.empty() ? it->second : Label(field);
    t.errors.emplace(field, fmt::format("第 {} 行“{}”{}", t.row, column, what));
  }
  static std::string Label(const std::string& field) {
    const domain::ImportField* f = domain::FindImportField(Fields(), field);
    return f ? f->label : field;
  }

  void ReadSeq(const xlsx::Row& r, const std::string& text, size_t place, TaskLedgerRow& t) const {
    t.seq = static_cast<int>(place);
    if (text.empty()) return;
    const xlsx::Cell* cell = CellOf(r, "seq");
    if (auto n = ParseSeq(text, cell->type == xlsx::CellType::kNumber)) {
      t.seq = *n;
      t.seq_written = true;
    } else {
      Error(t, "seq", fmt::format("应为正整数,不是“{}”", text));
    }
  }

  void ReadDeadline(const xlsx::Row& r, TaskLedgerRow& t) const {
    t.deadline_text = Value(r, "deadline");
    if (t.deadline_text.empty()) {
      Error(t, "deadline", "为空:请填写日期(如 2026-06-30),或“长期坚持”“持续推进”");
      return;
    }
    const xlsx::Cell* cell = CellOf(r, "deadline");
    const bool number = cell && !Trim(cell->text).empty() && cell->type == xlsx::CellType::kNumber;
    const TaskDeadline d = ParseTaskDeadline(t.deadline_text, number, date1904_);
    t.deadline = d.date;
    t.ongoing = d.ongoing;
    if (!d.ok()) {
      Error(t, "deadline",
            fmt::format("“{}”不是可识别的日期:请写成 2026-06-30、2026/6/30、2026年6月30日,或“长期坚持”",
                        t.deadline_text));
    }
  }

  const Grid& g_;
  bool date1904_;
  std::map<std::string, int> column_;          // field → column
  std::map<std::string, std::string> header_;  // field → its header in the sheet
  std::vector<xlsx::MergedRange> merges_;      // those that go down
  std::map<std::pair<int, int>, std::string> merge_text_;
};

}  // namespace

TaskDeadline ParseTaskDeadline(std::string_view raw, bool number_cell, bool date1904) {
  TaskDeadline out;
  std::string s = domain::NormalizeHeader(Trim(raw));  // full-width forms and spaces go
  if (s.empty()) return out;
  for (std::string_view word : {"长期", "持续", "常态", "长效", "经常性", "每年", "每月", "每季度"}) {
    if (Has(s, word)) {
      out.ongoing = true;
      return out;
    }
  }
  s = WithoutSuffix(s, {"以前", "之前", "前", "完成", "止", "内"});
  const auto in_range = [](int year) { return year >= 2000 && year <= 2100; };
  const std::optional<int> year = LeadingYear(s);
  if (year && in_range(*year)) {
    const std::string_view rest = std::string_view(s).substr(4);
    if (rest == "年底" || rest == "年末" || rest == "年终" || rest == "年" || rest == "年度" || rest == "下半年") {
      out.date = LastDay(*year, 12);
      return out;
    }
    if (rest == "年上半年" || rest == "上半年" || rest == "年年中") {
      out.date = LastDay(*year, 6);
      return out;
    }
    static constexpr std::pair<std::string_view, int> kQuarters[] = {{"一", 1}, {"二", 2}, {"三", 3}, {"四", 4},
                                                                     {"1", 1},  {"2", 2},  {"3", 3},  {"4", 4}};
    for (const auto& [name, q] : kQuarters) {
      for (std::string_view form :
           {"年第{}季度", "年{}季度", "年第{}季度末", "年{}季度末", "年第{}季度底", "年{}季度底"}) {
        if (rest == fmt::format(fmt::runtime(form), name)) {
          out.date = LastDay(*year, q * 3);
          return out;
        }
      }
    }
  }
  s = WithoutSuffix(s, {"底", "末", "份"});
  const auto date = NormalizeDate(s, number_cell, date1904);
  if (!date) return out;
  const auto civil = ParseIsoDate(*date);
  if (!civil || !in_range(civil->year)) return out;
  out.date = civil->day ? *date : LastDay(civil->year, civil->month);
  return out;
}

StatusOr<std::string> TaskLedgerTemplateXlsx() {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("任务台账"));
  const SheetFormats f = AddSheetFormats(*book);
  xlsx::FormatSpec note = CellSpec();
  note.border = xlsx::Border::kNone;
  note.wrap = true;
  note.valign = xlsx::VAlign::kTop;
  const xlsx::Format hint = book->AddFormat(note);
  xlsx::FormatSpec centered = CellSpec();
  centered.align = xlsx::HAlign::kCenter;
  const xlsx::Format center = book->AddFormat(centered);
  centered.num_format = "0";
  const xlsx::Format number = book->AddFormat(centered);

  constexpr int kColumns = static_cast<int>(std::size(kTaskLedgerHeaders));
  constexpr double kWidths[] = {6, 14, 50, 22, 30, 14, 9, 20};
  static_assert(std::size(kWidths) == kColumns);
  RETURN_IF_ERROR(sheet->SetRowHeight(0, 30));
  RETURN_IF_ERROR(sheet->MergeRange(0, 0, 0, kColumns - 1, "工作任务台账导入模板", f.title));
  RETURN_IF_ERROR(sheet->SetRowHeight(1, 42));
  RETURN_IF_ERROR(sheet->MergeRange(
      1, 0, 1, kColumns - 1,
      "填写说明:任务内容、牵头单位必填,单位名称与系统中的单位一致;配合单位有多个时用顿号分隔;完成时限可写 "
      "2026-06-30、2026/6/30、2026年6月30日,长期任务写“长期坚持”或“持续推进”;类别为 "
      "用地、规划、资金、手续、拆迁、配套、其他 之一。删除本示例行后填写。",
      hint));
  for (int c = 0; c < kColumns; ++c) {
    RETURN_IF_ERROR(sheet->SetColumnWidth(c, c, kWidths[c]));
    RETURN_IF_ERROR(sheet->WriteString(2, c, kTaskLedgerHeaders[c], f.header));
  }
  sheet->FreezePanes(3, 0);
  // From 《上街区打造一流营商环境2020年工作要点》 (seed 000): 不动产登记 “当天办、当场办”.
  RETURN_IF_ERROR(sheet->WriteDecimal(3, 0, 1, 0, number));
  RETURN_IF_ERROR(sheet->WriteString(3, 1, "不动产登记", f.wrap));
  RETURN_IF_ERROR(sheet->WriteString(
      3, 2, "推行不动产登记业务“当天办、当场办”,开启不动产登记“交房即颁证”模式,购房业主拿到钥匙的同时拿到不动产权证书",
      f.wrap));
  RETURN_IF_ERROR(sheet->WriteString(3, 3, "区自然资源和规划局", f.wrap));
  RETURN_IF_ERROR(sheet->WriteString(3, 4, "区住房和城乡建设局、区税务局", f.wrap));
  RETURN_IF_ERROR(sheet->WriteString(3, 5, "2026-06-30", center));
  RETURN_IF_ERROR(sheet->WriteString(3, 6, "手续", center));
  RETURN_IF_ERROR(sheet->WriteString(3, 7, "示例行,导入前删除", f.wrap));
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

StatusOr<TaskLedgerSheet> ParseTaskLedgerSheet(std::string_view xlsx_bytes) {
  ASSIGN_OR_RETURN(auto book, xlsx::Workbook::OpenBuffer(xlsx_bytes));
  bool any_content = false;
  for (size_t i = 0; i < book->sheet_names().size(); ++i) {
    ASSIGN_OR_RETURN(Grid grid, ReadSheet(*book, static_cast<int>(i)));
    if (grid.rows.empty()) continue;
    any_content = true;
    const domain::SheetLayout layout = Layout(grid);
    if (!layout.found) continue;
    RowReader reader(grid, layout, book->date1904());
    for (const char* required : {"title", "lead_unit"}) {
      if (reader.Has(required)) continue;
      const std::string label = domain::FindImportField(Fields(), required)->label;
      return Status::InvalidArgument(
          "import.missing_column",
          fmt::format(
              "第 {} 行的表头缺少“{}”列:表头应为 序号、方面、任务内容、牵头单位、配合单位、完成时限、类别、备注",
              layout.header_last, label));
    }
    TaskLedgerSheet out;
    out.sheet_name = book->sheet_names()[i];
    out.header_row = layout.header_last;
    reader.Read(layout.header_last, out.rows);
    if (grid.capped || out.rows.size() > static_cast<size_t>(kMaxTaskLedgerRows)) {
      return Status::InvalidArgument("import.too_many_rows",
                                     fmt::format("任务超过 {} 行:请分成几个表导入", kMaxTaskLedgerRows));
    }
    if (out.rows.empty()) {
      return Status::InvalidArgument("import.empty",
                                     fmt::format("“{}”第 {} 行是表头,其下没有任务", out.sheet_name, out.header_row));
    }
    return out;
  }
  if (!any_content) return Status::InvalidArgument("import.empty", "表格是空的:没有任何内容");
  return Status::InvalidArgument("import.no_header", "没有找到表头:前 20 行中应有一行包含“任务内容”“牵头单位”等列名");
}

}  // namespace tuijin::report
