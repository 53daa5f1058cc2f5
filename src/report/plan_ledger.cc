#include "report/plan_ledger.h"

#include "report/sheet_formats.h"

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

}  // namespace tuijin::report
