#include "report/plan_ledger.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/date.h"
#include "base/text.h"
#include "report/sheet_formats.h"
#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

using xlsx::Format;

// Columns: 序号, then these, the four quarters' amounts, the four goals, then the trailing ones.
constexpr int kAmountCol = 7;   // 年度计划投资
constexpr int kQuarterCol = 8;  // 一季度 … 四季度
constexpr int kGoalCol = 12;    // 形象进度目标 一季度 … 四季度
constexpr int kColumns = 19;
const char* const kQuarterNames[] = {"一季度", "二季度", "三季度", "四季度"};

struct Sums {
  Fen total = 0, amount = 0;
  std::array<Fen, 4> quarters{};
  void Add(const PlanLedgerRow& r) {
    total += r.total;
    amount += r.amount;
    for (size_t q = 0; q < 4; ++q) quarters[q] += r.quarters[q];
  }
};

class Writer {
 public:
  Writer(xlsx::Worksheet& sheet, const SheetFormats& f) : sheet_(sheet), f_(f) {}

  Status Header(int row) {
    const std::array<std::pair<const char*, double>, 8> lead = {{{"序号", 6},
                                                                 {"项目名称", 34},
                                                                 {"项目代码", 24},
                                                                 {"级别", 8},
                                                                 {"责任单位", 20},
                                                                 {"阶段", 8},
                                                                 {"总投资", 13},
                                                                 {"年度计划投资", 13}}};
    for (int c = 0; c < static_cast<int>(lead.size()); ++c) {
      RETURN_IF_ERROR(sheet_.SetColumnWidth(c, c, lead[c].second));
      RETURN_IF_ERROR(sheet_.MergeRange(row, c, row + 1, c, lead[c].first, f_.header));
    }
    RETURN_IF_ERROR(sheet_.SetColumnWidth(kQuarterCol, kQuarterCol + 3, 12));
    RETURN_IF_ERROR(sheet_.MergeRange(row, kQuarterCol, row, kQuarterCol + 3, "分季度计划投资", f_.header));
    RETURN_IF_ERROR(sheet_.SetColumnWidth(kGoalCol, kGoalCol + 3, 22));
    RETURN_IF_ERROR(sheet_.MergeRange(row, kGoalCol, row, kGoalCol + 3, "形象进度目标", f_.header));
    const std::array<std::pair<const char*, double>, 3> trail = {
        {{"计划开工", 10}, {"计划竣工", 10}, {"计划状态", 14}}};
    for (int i = 0; i < 3; ++i) {
      const int c = kGoalCol + 4 + i;
      RETURN_IF_ERROR(sheet_.SetColumnWidth(c, c, trail[i].second));
      RETURN_IF_ERROR(sheet_.MergeRange(row, c, row + 1, c, trail[i].first, f_.header));
    }
    for (int q = 0; q < 4; ++q) {
      RETURN_IF_ERROR(sheet_.WriteString(row + 1, kQuarterCol + q, kQuarterNames[q], f_.header));
      RETURN_IF_ERROR(sheet_.WriteString(row + 1, kGoalCol + q, kQuarterNames[q], f_.header));
    }
    return Status::Ok();
  }

  Status Row(int row, int64_t serial, const PlanLedgerRow& r) {
    RETURN_IF_ERROR(sheet_.WriteNumber(row, 0, static_cast<double>(serial), f_.text));
    RETURN_IF_ERROR(Text(row, 1, r.name, f_.wrap));
    RETURN_IF_ERROR(Text(row, 2, r.code, f_.text));
    RETURN_IF_ERROR(Text(row, 3, r.level, f_.text));
    RETURN_IF_ERROR(Text(row, 4, r.lead, f_.wrap));
    RETURN_IF_ERROR(Text(row, 5, r.stage, f_.text));
    RETURN_IF_ERROR(sheet_.WriteDecimal(row, 6, r.total, kWanDecimals, f_.money));
    RETURN_IF_ERROR(sheet_.WriteDecimal(row, kAmountCol, r.amount, kWanDecimals, f_.money));
    for (int q = 0; q < 4; ++q) {
      RETURN_IF_ERROR(sheet_.WriteDecimal(row, kQuarterCol + q, r.quarters[q], kWanDecimals, f_.money));
      RETURN_IF_ERROR(Text(row, kGoalCol + q, r.goals[q], f_.wrap));
    }
    RETURN_IF_ERROR(Text(row, kGoalCol + 4, r.planned_start, f_.text));
    RETURN_IF_ERROR(Text(row, kGoalCol + 5, r.planned_completion, f_.text));
    return Text(row, kGoalCol + 6, r.state, f_.text);
  }

  // A 小计 or 合计 row: the label under 项目名称, the sums under their columns.
  Status SumRow(int row, const char* label, const Sums& s) {
    for (int c = 0; c < kColumns; ++c) {
      if (c == 1) {
        RETURN_IF_ERROR(sheet_.WriteString(row, c, label, f_.group));
      } else if (c == 6) {
        RETURN_IF_ERROR(sheet_.WriteDecimal(row, c, s.total, kWanDecimals, f_.group_money));
      } else if (c == kAmountCol) {
        RETURN_IF_ERROR(sheet_.WriteDecimal(row, c, s.amount, kWanDecimals, f_.group_money));
      } else if (c >= kQuarterCol && c < kQuarterCol + 4) {
        RETURN_IF_ERROR(sheet_.WriteDecimal(row, c, s.quarters[c - kQuarterCol], kWanDecimals, f_.group_money));
      } else {
        RETURN_IF_ERROR(sheet_.WriteBlank(row, c, f_.group));
      }
    }
    return Status::Ok();
  }

  Status Heading(int row, const std::string& title) {
    return sheet_.MergeRange(row, 0, row, kColumns - 1, title, f_.group);
  }

 private:
  Status Text(int row, int col, const std::string& v, Format format) {
    return v.empty() ? sheet_.WriteBlank(row, col, format) : sheet_.WriteString(row, col, v, format);
  }

  xlsx::Worksheet& sheet_;
  const SheetFormats& f_;
};

}  // namespace

StatusOr<std::string> PlanLedgerXlsx(const PlanLedger& ledger) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("年度投资计划"));
  const SheetFormats f = AddSheetFormats(*book);
  Writer w(*sheet, f);
  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, ledger.title, ledger.subtitle));
  RETURN_IF_ERROR(w.Header(2));
  sheet->FreezePanes(4, 2);
  int row = 4;
  int64_t serial = 0;
  Sums all;
  for (const PlanLedgerGroup& g : ledger.groups) {
    if (!g.title.empty()) RETURN_IF_ERROR(w.Heading(row++, g.title));
    Sums group;
    for (const PlanLedgerRow& r : g.rows) {
      RETURN_IF_ERROR(w.Row(row++, ++serial, r));
      group.Add(r);
      all.Add(r);
    }
    if (!g.title.empty()) RETURN_IF_ERROR(w.SumRow(row++, "小计", group));
  }
  RETURN_IF_ERROR(w.SumRow(row, "合计", all));
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

namespace {

std::string CellText(const xlsx::Row& row, int col) {
  if (col < 0 || static_cast<size_t>(col) >= row.cells.size()) return "";
  return std::string(TrimSpace(row.cells[col].text));
}

// "年度计划投资" or "年度计划投资(万元)" / "年度计划投资（万元）".
bool IsHeading(const std::string& text, std::string_view heading) {
  return text == heading || (text.starts_with(heading) && text.find("万元") != std::string::npos);
}

// Where each column of a plan table is; -1 when the table has none.
struct PlanColumns {
  int name = -1, code = -1, amount = -1, start = -1, completion = -1;
  std::array<int, 4> quarters{-1, -1, -1, -1}, goals{-1, -1, -1, -1};
  size_t first_data = 0;  // index into the rows
};

std::optional<PlanColumns> FindColumns(const std::vector<xlsx::Row>& rows) {
  for (size_t h = 0; h < rows.size() && h < 20; ++h) {
    PlanColumns c;
    int quarter_group = -1, goal_group = -1;
    for (int i = 0; i < static_cast<int>(rows[h].cells.size()); ++i) {
      const std::string t = CellText(rows[h], i);
      if (t == "项目名称") c.name = i;
      else if (t == "项目代码") c.code = i;
      else if (IsHeading(t, "年度计划投资")) c.amount = i;
      else if (IsHeading(t, "分季度计划投资")) quarter_group = i;
      else if (t == "形象进度目标") goal_group = i;
      else if (t == "计划开工") c.start = i;
      else if (t == "计划竣工") c.completion = i;
    }
    if (c.name < 0 || c.amount < 0) continue;
    c.first_data = h + 1;
    // The quarters' row sits right under the header (the merged headings span both rows).
    if (h + 1 < rows.size() && rows[h + 1].index == rows[h].index + 1) {
      static const char* const kQuarters[] = {"一季度", "二季度", "三季度", "四季度"};
      bool any = false;
      for (int i = 0; i < static_cast<int>(rows[h + 1].cells.size()); ++i) {
        const std::string t = CellText(rows[h + 1], i);
        for (int q = 0; q < 4; ++q) {
          if (t != kQuarters[q]) continue;
          any = true;
          // Under the nearest of the two headings at or left of the column.
          const int group = std::max(quarter_group <= i ? quarter_group : -1, goal_group <= i ? goal_group : -1);
          if (group >= 0 && group == goal_group) c.goals[q] = i;
          else if (group >= 0) c.quarters[q] = i;
        }
      }
      if (any) c.first_data = h + 2;
    }
    return c;
  }
  return std::nullopt;
}

bool AllFound(const std::array<int, 4>& cols) {
  return std::all_of(cols.begin(), cols.end(), [](int c) { return c >= 0; });
}

}  // namespace

StatusOr<PlanSheet> ReadPlanSheet(std::string_view bytes) {
  ASSIGN_OR_RETURN(auto book, xlsx::Workbook::OpenBuffer(bytes));
  ASSIGN_OR_RETURN(auto contents, book->ReadAll());
  const auto found = FindColumns(contents.rows);
  if (!found) {
    return Status::InvalidArgument("import.no_header",
                                   "没有找到表头:应有“项目名称”和“年度计划投资”两列,请使用导出的年度投资计划表");
  }
  const PlanColumns& c = *found;
  PlanSheet out;
  out.has_quarters = AllFound(c.quarters);
  out.has_goals = AllFound(c.goals);
  out.has_start = c.start >= 0;
  out.has_completion = c.completion >= 0;
  const bool date1904 = book->date1904();
  for (size_t i = c.first_data; i < contents.rows.size(); ++i) {
    const xlsx::Row& row = contents.rows[i];
    PlanSheetRow r;
    r.row = row.index;
    r.name = CellText(row, c.name);
    r.code = CellText(row, c.code);
    if (r.name.empty() && r.code.empty()) continue;  // a group heading, a note, an empty row
    std::string bare;
    for (char ch : r.name) {
      if (ch != ' ') bare += ch;
    }
    if (r.code.empty() && (bare == "小计" || bare == "合计" || bare == "总计")) continue;
    auto money = [&](int col, const std::string& field) -> std::optional<Fen> {
      const std::string t = CellText(row, col);
      if (t.empty()) return std::nullopt;
      const auto fen = ParseAmount(t, MoneyUnit::kWanYuan);
      if (!fen) r.errors[field] = "“" + t + "”不是数字(单位:万元)";
      else if (*fen < 0) r.errors[field] = "不能为负数";
      else return fen;
      return std::nullopt;
    };
    auto date = [&](int col, const std::string& field) -> std::optional<std::string> {
      if (col < 0 || static_cast<size_t>(col) >= row.cells.size()) return std::nullopt;
      const xlsx::Cell& cell = row.cells[col];
      const std::string t(TrimSpace(cell.text));
      if (t.empty()) return std::nullopt;
      auto d = NormalizeDate(t, cell.type == xlsx::CellType::kNumber || cell.is_date, date1904);
      if (!d) r.errors[field] = "“" + t + "”不是日期,应如 2026-03 或 2026-03-15";
      return d;
    };
    r.amount = money(c.amount, "amount");
    if (out.has_quarters) {
      for (int q = 0; q < 4; ++q) r.quarters[q] = money(c.quarters[q], fmt::format("quarters.{}", q));
    }
    if (out.has_goals) {
      for (int q = 0; q < 4; ++q) r.goals[q] = CellText(row, c.goals[q]);
    }
    r.planned_start = date(c.start, "planned_start");
    r.planned_completion = date(c.completion, "planned_completion");
    out.rows.push_back(std::move(r));
  }
  return out;
}

}  // namespace tuijin::report
