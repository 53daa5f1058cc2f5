#include "report/project_ledger.h"

#include <fmt/format.h>

#include "domain/import_layout.h"
#include "report/sheet_formats.h"

namespace tuijin::report {
namespace {

using xlsx::Format;
using xlsx::FormatSpec;

enum class Kind { kText, kMoney, kInt, kCoordinate };

// One ledger column: which field it shows and how. Fields are read through member
// pointers, so writing a cell copies nothing.
struct Column {
  const char* field;  // the import field it is read back into: its label is the header
  double width;
  Kind kind;
  std::string LedgerRow::*text = nullptr;                  // kText
  bool wrap = false;                                       // kText: long text wraps
  std::optional<double> LedgerRow::*coordinate = nullptr;  // kCoordinate
};

Column Text(const char* field, double width, std::string LedgerRow::*text, bool wrap = false) {
  return Column{field, width, Kind::kText, text, wrap, nullptr};
}

// The header of a column: the label the import maps back (domain::ProjectImportFields), so
// that an exported ledger imports as it is.
std::string Header(const Column& c) {
  static const std::vector<domain::ImportField> kFields = domain::ProjectImportFields({});
  const domain::ImportField* f = domain::FindImportField(kFields, c.field);
  return f ? f->label : c.field;
}

// Columns before and after the funding block.
const std::vector<Column>& LeadingColumns() {
  static const std::vector<Column> kColumns = {
      Text("code", 26, &LedgerRow::code),
      Text("name", 36, &LedgerRow::name, true),
      Text("level", 9, &LedgerRow::level),
      Column{"star", 8, Kind::kInt},
      Text("nature", 9, &LedgerRow::nature),
      Text("category", 10, &LedgerRow::category),
      Text("industry", 12, &LedgerRow::industry),
      Text("tags", 16, &LedgerRow::tags),
      Text("owner", 24, &LedgerRow::owner),
      Text("lead", 22, &LedgerRow::lead),
      Text("co_units", 18, &LedgerRow::co_units),
      Text("leader", 9, &LedgerRow::leader),
      Text("contact_name", 9, &LedgerRow::contact_name),
      Text("contact_phone", 14, &LedgerRow::contact_phone),
      Text("address", 20, &LedgerRow::address),
      Column{"lng", 11, Kind::kCoordinate, nullptr, false, &LedgerRow::lng},
      Column{"lat", 11, Kind::kCoordinate, nullptr, false, &LedgerRow::lat},
      Text("content", 40, &LedgerRow::content, true),
      Column{"total_investment", 13, Kind::kMoney},
  };
  return kColumns;
}

const std::vector<Column>& TrailingColumns() {
  static const std::vector<Column> kColumns = {
      Text("planned_start", 10, &LedgerRow::planned_start),     Text("planned_completion", 10, &LedgerRow::planned_completion),
      Text("stage", 9, &LedgerRow::stage),              Text("actual_start", 11, &LedgerRow::actual_start),
      Text("actual_completion", 11, &LedgerRow::actual_completion), Text("registered", 9, &LedgerRow::registered),
      Text("registered_date", 10, &LedgerRow::registered_date),   Text("stats_code", 14, &LedgerRow::stats_code),
      Text("remarks", 20, &LedgerRow::remarks)};
  return kColumns;
}

// The shared formats, and whole numbers (序号, 星级) and coordinates.
struct Formats : SheetFormats {
  Format number, coordinate;
};

Formats MakeFormats(xlsx::WorkbookWriter& book) {
  Formats f{AddSheetFormats(book)};
  FormatSpec spec = CellSpec();
  spec.num_format = "0";
  f.number = book.AddFormat(spec);
  spec.num_format = "0.000000";
  f.coordinate = book.AddFormat(spec);
  return f;
}

// The header (two rows from `row`) and column widths.
Status WriteHeader(xlsx::Worksheet& sheet, const Formats& f, int row, const std::vector<Column>& lead,
                          const std::vector<std::string>& funding, const std::vector<Column>& trail) {
  int col = 0;
  auto single = [&](const std::string& header, double width) -> Status {
    RETURN_IF_ERROR(sheet.SetColumnWidth(col, col, width));
    RETURN_IF_ERROR(sheet.MergeRange(row, col, row + 1, col, header, f.header));
    ++col;
    return Status::Ok();
  };
  RETURN_IF_ERROR(single("序号", 6));
  for (const auto& c : lead) RETURN_IF_ERROR(single(Header(c), c.width));
  // The writer goes row by row: the upper header row first, then the sources.
  const int funding_col = col;
  if (!funding.empty()) {
    RETURN_IF_ERROR(sheet.SetColumnWidth(col, col + static_cast<int>(funding.size()) - 1, 12));
    if (funding.size() == 1) {
      RETURN_IF_ERROR(sheet.WriteString(row, col, "资金来源", f.header));
    } else {
      RETURN_IF_ERROR(sheet.MergeRange(row, col, row, col + static_cast<int>(funding.size()) - 1, "资金来源", f.header));
    }
    col += static_cast<int>(funding.size());
  }
  for (const auto& c : trail) RETURN_IF_ERROR(single(Header(c), c.width));
  for (size_t i = 0; i < funding.size(); ++i) {
    RETURN_IF_ERROR(sheet.WriteString(row + 1, funding_col + static_cast<int>(i), funding[i], f.header));
  }
  return Status::Ok();
}


}  // namespace

struct ProjectLedgerWriter::State {
  std::unique_ptr<xlsx::WorkbookWriter> book;
  xlsx::Worksheet* sheet = nullptr;
  Formats f;
  int columns = 0;
  size_t funding_n = 0;
  size_t total_col = 0;  // 总投资, the last leading column
  int row = 4;
  int64_t serial = 0;
  bool titled_group = false;  // the group being written has a heading (and gets a 小计)
  Fen group_total = 0, grand_total = 0;
  std::vector<Fen> group_funding, grand_funding;
  bool finished = false;

  Status WriteSumRow(const std::string& label, Fen total, const std::vector<Fen>& fund) {
    for (int c = 0; c < columns; ++c) {
      if (c == 1) {
        RETURN_IF_ERROR(sheet->WriteString(row, c, label, f.group));
      } else if (static_cast<size_t>(c) == total_col) {
        RETURN_IF_ERROR(sheet->WriteDecimal(row, c, total, kWanDecimals, f.group_money));
      } else if (static_cast<size_t>(c) > total_col && static_cast<size_t>(c) <= total_col + funding_n) {
        RETURN_IF_ERROR(sheet->WriteDecimal(row, c, fund[c - total_col - 1], kWanDecimals, f.group_money));
      } else {
        RETURN_IF_ERROR(sheet->WriteBlank(row, c, f.group));
      }
    }
    ++row;
    return Status::Ok();
  }

  // Closes the group being written: its 小计 when it has a heading, and the grand totals.
  Status EndGroup() {
    if (titled_group) RETURN_IF_ERROR(WriteSumRow("小计", group_total, group_funding));
    grand_total += group_total;
    for (size_t i = 0; i < funding_n; ++i) grand_funding[i] += group_funding[i];
    group_total = 0;
    std::fill(group_funding.begin(), group_funding.end(), 0);
    titled_group = false;
    return Status::Ok();
  }

  Status Text(int c, const std::string& v, Format format) {
    return v.empty() ? sheet->WriteBlank(row, c, format) : sheet->WriteString(row, c, v, format);
  }
};

StatusOr<std::unique_ptr<ProjectLedgerWriter>> ProjectLedgerWriter::Create(std::unique_ptr<xlsx::WorkbookWriter> book,
                                                                           const LedgerHeading& heading) {
  auto st = std::make_unique<State>();
  st->book = std::move(book);
  ASSIGN_OR_RETURN(st->sheet, st->book->AddWorksheet("项目台账"));
  st->f = MakeFormats(*st->book);
  const auto& lead = LeadingColumns();
  const auto& trail = TrailingColumns();
  st->funding_n = heading.funding_labels.size();
  st->columns = 1 + static_cast<int>(lead.size() + st->funding_n + trail.size());
  st->total_col = lead.size();
  st->group_funding.assign(st->funding_n, 0);
  st->grand_funding.assign(st->funding_n, 0);
  xlsx::Worksheet& sheet = *st->sheet;
  RETURN_IF_ERROR(WriteTitleRows(sheet, st->f, st->columns, heading.title, heading.subtitle));
  RETURN_IF_ERROR(WriteHeader(sheet, st->f, 2, lead, heading.funding_labels, trail));
  sheet.FreezePanes(4, 3);
  return std::unique_ptr<ProjectLedgerWriter>(new ProjectLedgerWriter(std::move(st)));
}

ProjectLedgerWriter::ProjectLedgerWriter(std::unique_ptr<State> state) : st_(std::move(state)) {}
ProjectLedgerWriter::~ProjectLedgerWriter() = default;

Status ProjectLedgerWriter::BeginGroup(std::string_view title) {
  if (st_->finished) return Status::Internal("台账已写完");
  RETURN_IF_ERROR(st_->EndGroup());
  if (title.empty()) return Status::Ok();
  RETURN_IF_ERROR(st_->sheet->MergeRange(st_->row, 0, st_->row, st_->columns - 1, title, st_->f.group));
  ++st_->row;
  st_->titled_group = true;
  return Status::Ok();
}

Status ProjectLedgerWriter::AddRow(const LedgerRow& r) {
  State& st = *st_;
  if (st.finished) return Status::Internal("台账已写完");
  const Formats& f = st.f;
  xlsx::Worksheet& sheet = *st.sheet;
  int c = 0;
  RETURN_IF_ERROR(sheet.WriteDecimal(st.row, c++, ++st.serial, 0, f.number));
  for (const Column& col : LeadingColumns()) {
    switch (col.kind) {
      case Kind::kText:
        RETURN_IF_ERROR(st.Text(c, r.*col.text, col.wrap ? f.wrap : f.text));
        break;
      case Kind::kInt:
        RETURN_IF_ERROR(sheet.WriteDecimal(st.row, c, r.star, 0, f.number));
        break;
      case Kind::kCoordinate:
        if (const auto& v = r.*col.coordinate) {
          RETURN_IF_ERROR(sheet.WriteNumber(st.row, c, *v, f.coordinate));
        } else {
          RETURN_IF_ERROR(sheet.WriteBlank(st.row, c, f.text));
        }
        break;
      case Kind::kMoney:
        RETURN_IF_ERROR(sheet.WriteDecimal(st.row, c, r.total, kWanDecimals, f.money));
        break;
    }
    ++c;
  }
  for (size_t i = 0; i < st.funding_n; ++i, ++c) {
    const Fen v = i < r.funding.size() ? r.funding[i] : 0;
    st.group_funding[i] += v;
    if (v == 0) {
      RETURN_IF_ERROR(sheet.WriteBlank(st.row, c, f.money));
    } else {
      RETURN_IF_ERROR(sheet.WriteDecimal(st.row, c, v, kWanDecimals, f.money));
    }
  }
  for (const Column& col : TrailingColumns()) {
    RETURN_IF_ERROR(st.Text(c, r.*col.text, f.text));
    ++c;
  }
  st.group_total += r.total;
  ++st.row;
  return Status::Ok();
}

Status ProjectLedgerWriter::Finish() {
  if (st_->finished) return Status::Internal("台账已写完");
  RETURN_IF_ERROR(st_->EndGroup());
  st_->finished = true;
  RETURN_IF_ERROR(st_->WriteSumRow("合计", st_->grand_total, st_->grand_funding));
  return st_->book->Close();
}

namespace {

Status WriteLedger(const ProjectLedger& ledger, std::unique_ptr<xlsx::WorkbookWriter> book) {
  ASSIGN_OR_RETURN(auto writer, ProjectLedgerWriter::Create(std::move(book), ledger.heading));
  for (const LedgerGroup& group : ledger.groups) {
    RETURN_IF_ERROR(writer->BeginGroup(group.title));
    for (const LedgerRow& row : group.rows) RETURN_IF_ERROR(writer->AddRow(row));
  }
  return writer->Finish();
}

}  // namespace

Status WriteProjectLedger(const ProjectLedger& ledger, const std::string& path) {
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::Create(path));
  return WriteLedger(ledger, std::move(book));
}

StatusOr<std::string> ProjectLedgerXlsx(const ProjectLedger& ledger) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  RETURN_IF_ERROR(WriteLedger(ledger, std::move(book)));
  return bytes;
}

StatusOr<std::string> ImportTemplateXlsx(const std::vector<std::string>& funding_labels) {
  ProjectLedger ledger;
  ledger.heading.title = "重点项目导入模板";
  ledger.heading.subtitle = "金额单位为万元;日期可写 2024-03、2024年3月 等;删除本示例行后填写";
  ledger.heading.funding_labels = funding_labels;
  LedgerRow example;
  example.code = "2024-410104-46-01-000123";
  example.name = "示例:南曹再生水厂一期工程";
  example.level = "区重点";
  example.nature = "新建";
  example.category = "基础设施";
  example.industry = "市政公用";
  example.tags = "政府投资、专项债";
  example.owner = "云河水务有限公司";
  example.lead = "云河区住房和城乡建设局";
  example.content = "新建日处理污水10万吨的再生水厂一座及配套管网12公里";
  example.planned_start = "2024-03";
  example.planned_completion = "2026-12";
  example.stage = "在建";
  example.actual_start = "2024-03-18";
  example.registered = "是";
  example.total = 45000 * kFenPerWan;
  example.funding.assign(funding_labels.size(), 0);
  ledger.groups.push_back({"", {std::move(example)}});
  return ProjectLedgerXlsx(ledger);
}

}  // namespace tuijin::report
