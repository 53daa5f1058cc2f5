#include "report/project_ledger.h"

#include <fmt/format.h>

#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

using xlsx::Format;
using xlsx::FormatSpec;

enum class Kind { kText, kMoney, kInt, kCoordinate };

// One ledger column: which field it shows and how. Fields are read through member
// pointers, so writing a cell copies nothing.
struct Column {
  const char* header;
  double width;
  Kind kind;
  std::string LedgerRow::*text = nullptr;                  // kText
  bool wrap = false;                                       // kText: long text wraps
  std::optional<double> LedgerRow::*coordinate = nullptr;  // kCoordinate
};

// 万元 has six decimals of 分: money goes to the sheet as an exact decimal.
constexpr int kWanDecimals = 6;
static_assert(kFenPerWan == 1'000'000);

Column Text(const char* header, double width, std::string LedgerRow::*field, bool wrap = false) {
  return Column{header, width, Kind::kText, field, wrap, nullptr};
}

// Columns before and after the funding block.
const std::vector<Column>& LeadingColumns() {
  static const std::vector<Column> kColumns = {
      Text("项目代码", 26, &LedgerRow::code),
      Text("项目名称", 36, &LedgerRow::name, true),
      Text("项目级别", 9, &LedgerRow::level),
      Column{"攻坚星级", 8, Kind::kInt},
      Text("建设性质", 9, &LedgerRow::nature),
      Text("项目类别", 10, &LedgerRow::category),
      Text("所属行业", 12, &LedgerRow::industry),
      Text("标签", 16, &LedgerRow::tags),
      Text("建设单位", 24, &LedgerRow::owner),
      Text("责任单位", 22, &LedgerRow::lead),
      Text("配合单位", 18, &LedgerRow::co_units),
      Text("分包领导", 9, &LedgerRow::leader),
      Text("联系人", 9, &LedgerRow::contact_name),
      Text("联系电话", 14, &LedgerRow::contact_phone),
      Text("建设地点", 20, &LedgerRow::address),
      Column{"经度", 11, Kind::kCoordinate, nullptr, false, &LedgerRow::lng},
      Column{"纬度", 11, Kind::kCoordinate, nullptr, false, &LedgerRow::lat},
      Text("建设内容及规模", 40, &LedgerRow::content, true),
      Column{"总投资", 13, Kind::kMoney},
  };
  return kColumns;
}

const std::vector<Column>& TrailingColumns() {
  static const std::vector<Column> kColumns = {
      Text("计划开工", 10, &LedgerRow::planned_start),     Text("计划竣工", 10, &LedgerRow::planned_completion),
      Text("项目阶段", 9, &LedgerRow::stage),              Text("实际开工", 11, &LedgerRow::actual_start),
      Text("实际竣工", 11, &LedgerRow::actual_completion), Text("是否入库", 9, &LedgerRow::registered),
      Text("入库时间", 10, &LedgerRow::registered_date),   Text("统计代码", 14, &LedgerRow::stats_code),
      Text("备注", 20, &LedgerRow::remarks)};
  return kColumns;
}

struct Formats {
  Format title, subtitle, header, text, wrap, money, number, coordinate, group, subtotal_text, subtotal_money;
};

Formats MakeFormats(xlsx::WorkbookWriter& book) {
  const std::string font = "宋体";
  auto spec = [&](double size) {
    FormatSpec s;
    s.font_name = font;
    s.font_size = size;
    return s;
  };
  Formats f;
  FormatSpec title = spec(18);
  title.bold = true;
  title.align = xlsx::HAlign::kCenter;
  title.valign = xlsx::VAlign::kCenter;
  title.font_name = "方正小标宋简体";
  f.title = book.AddFormat(title);
  FormatSpec sub = spec(10);
  sub.align = xlsx::HAlign::kRight;
  f.subtitle = book.AddFormat(sub);
  FormatSpec header = spec(10);
  header.bold = true;
  header.border = xlsx::Border::kThin;
  header.align = xlsx::HAlign::kCenter;
  header.valign = xlsx::VAlign::kCenter;
  header.wrap = true;
  header.fill_color = 0xDDEBF7;
  f.header = book.AddFormat(header);
  FormatSpec text = spec(10);
  text.border = xlsx::Border::kThin;
  text.valign = xlsx::VAlign::kCenter;
  f.text = book.AddFormat(text);
  text.wrap = true;
  f.wrap = book.AddFormat(text);
  FormatSpec money = spec(10);
  money.border = xlsx::Border::kThin;
  money.valign = xlsx::VAlign::kCenter;
  money.num_format = "#,##0.00";
  f.money = book.AddFormat(money);
  money.num_format = "0";
  f.number = book.AddFormat(money);
  money.num_format = "0.000000";
  f.coordinate = book.AddFormat(money);
  FormatSpec group = spec(10);
  group.bold = true;
  group.border = xlsx::Border::kThin;
  group.fill_color = 0xF2F2F2;
  f.group = book.AddFormat(group);
  f.subtotal_text = book.AddFormat(group);
  group.num_format = "#,##0.00";
  f.subtotal_money = book.AddFormat(group);
  return f;
}

// The header (two rows from `row`) and column widths; returns the number of columns.
StatusOr<int> WriteHeader(xlsx::Worksheet& sheet, const Formats& f, int row, const std::vector<Column>& lead,
                          const std::vector<std::string>& funding, const std::vector<Column>& trail) {
  int col = 0;
  auto single = [&](const char* header, double width) -> Status {
    RETURN_IF_ERROR(sheet.SetColumnWidth(col, col, width));
    RETURN_IF_ERROR(sheet.MergeRange(row, col, row + 1, col, header, f.header));
    ++col;
    return Status::Ok();
  };
  RETURN_IF_ERROR(single("序号", 6));
  for (const auto& c : lead) RETURN_IF_ERROR(single(c.header, c.width));
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
  for (const auto& c : trail) RETURN_IF_ERROR(single(c.header, c.width));
  for (size_t i = 0; i < funding.size(); ++i) {
    RETURN_IF_ERROR(sheet.WriteString(row + 1, funding_col + static_cast<int>(i), funding[i], f.header));
  }
  return col;
}

}  // namespace

Status WriteProjectLedger(const ProjectLedger& ledger, const std::string& path) {
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::Create(path));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("项目台账"));
  const Formats f = MakeFormats(*book);
  const auto& lead = LeadingColumns();
  const auto& trail = TrailingColumns();
  const int columns = 1 + static_cast<int>(lead.size() + ledger.funding_labels.size() + trail.size());

  RETURN_IF_ERROR(sheet->SetRowHeight(0, 30));
  RETURN_IF_ERROR(sheet->MergeRange(0, 0, 0, columns - 1, ledger.title, f.title));
  RETURN_IF_ERROR(sheet->MergeRange(1, 0, 1, columns - 1, ledger.subtitle + "    单位:万元", f.subtitle));
  ASSIGN_OR_RETURN(int written, WriteHeader(*sheet, f, 2, lead, ledger.funding_labels, trail));
  (void)written;
  sheet->FreezePanes(4, 3);

  const size_t funding_n = ledger.funding_labels.size();
  const size_t total_col = 1 + lead.size() - 1;  // 总投资 is the last leading column
  Fen grand_total = 0;
  std::vector<Fen> grand_funding(funding_n, 0);
  int row = 4, serial = 0;

  auto write_sum_row = [&](const std::string& label, Fen total, const std::vector<Fen>& fund) -> Status {
    for (int c = 0; c < columns; ++c) {
      if (c == 1) {
        RETURN_IF_ERROR(sheet->WriteString(row, c, label, f.subtotal_text));
      } else if (static_cast<size_t>(c) == total_col) {
        RETURN_IF_ERROR(sheet->WriteDecimal(row, c, total, kWanDecimals, f.subtotal_money));
      } else if (static_cast<size_t>(c) > total_col && static_cast<size_t>(c) <= total_col + funding_n) {
        RETURN_IF_ERROR(sheet->WriteDecimal(row, c, fund[c - total_col - 1], kWanDecimals, f.subtotal_money));
      } else {
        RETURN_IF_ERROR(sheet->WriteBlank(row, c, f.subtotal_text));
      }
    }
    ++row;
    return Status::Ok();
  };
  auto write_text = [&](int c, const std::string& v, Format format) {
    return v.empty() ? sheet->WriteBlank(row, c, format) : sheet->WriteString(row, c, v, format);
  };

  for (const LedgerGroup& group : ledger.groups) {
    if (!group.title.empty()) {
      RETURN_IF_ERROR(sheet->MergeRange(row, 0, row, columns - 1, group.title, f.group));
      ++row;
    }
    Fen group_total = 0;
    std::vector<Fen> group_funding(funding_n, 0);
    for (const LedgerRow& r : group.rows) {
      int c = 0;
      RETURN_IF_ERROR(sheet->WriteDecimal(row, c++, ++serial, 0, f.number));
      for (const Column& col : lead) {
        switch (col.kind) {
          case Kind::kText:
            RETURN_IF_ERROR(write_text(c, r.*col.text, col.wrap ? f.wrap : f.text));
            break;
          case Kind::kInt:
            RETURN_IF_ERROR(sheet->WriteDecimal(row, c, r.star, 0, f.number));
            break;
          case Kind::kCoordinate:
            if (const auto& v = r.*col.coordinate) {
              RETURN_IF_ERROR(sheet->WriteNumber(row, c, *v, f.coordinate));
            } else {
              RETURN_IF_ERROR(sheet->WriteBlank(row, c, f.text));
            }
            break;
          case Kind::kMoney:
            RETURN_IF_ERROR(sheet->WriteDecimal(row, c, r.total, kWanDecimals, f.money));
            break;
        }
        ++c;
      }
      for (size_t i = 0; i < funding_n; ++i, ++c) {
        const Fen v = i < r.funding.size() ? r.funding[i] : 0;
        group_funding[i] += v;
        if (v == 0) {
          RETURN_IF_ERROR(sheet->WriteBlank(row, c, f.money));
        } else {
          RETURN_IF_ERROR(sheet->WriteDecimal(row, c, v, kWanDecimals, f.money));
        }
      }
      for (const Column& col : trail) {
        RETURN_IF_ERROR(write_text(c, r.*col.text, f.text));
        ++c;
      }
      group_total += r.total;
      ++row;
    }
    if (!group.title.empty()) RETURN_IF_ERROR(write_sum_row("小计", group_total, group_funding));
    grand_total += group_total;
    for (size_t i = 0; i < funding_n; ++i) grand_funding[i] += group_funding[i];
  }
  RETURN_IF_ERROR(write_sum_row("合计", grand_total, grand_funding));
  return book->Close();
}

Status WriteImportTemplate(const std::vector<std::string>& funding_labels, const std::string& path) {
  ProjectLedger ledger;
  ledger.title = "重点项目导入模板";
  ledger.subtitle = "金额单位为万元;日期可写 2024-03、2024年3月 等;删除本示例行后填写";
  ledger.funding_labels = funding_labels;
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
  ledger.groups.push_back({"", {example}});
  return WriteProjectLedger(ledger, path);
}

}  // namespace tuijin::report
