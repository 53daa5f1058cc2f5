#include "report/quarter_score_list.h"

#include <fmt/format.h>

#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

constexpr int kColumns = 8;
constexpr int kHeaderRow = 2;

}  // namespace

StatusOr<std::string> QuarterScoreListXlsx(const QuarterScoreList& list) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("季度评分"));
  const SheetFormats f = AddSheetFormats(*book);
  xlsx::FormatSpec spec = CellSpec();
  spec.align = xlsx::HAlign::kCenter;
  const xlsx::Format centred = book->AddFormat(spec);
  spec.num_format = "0.00";
  const xlsx::Format points = book->AddFormat(spec);
  spec.bold = true;
  const xlsx::Format total = book->AddFormat(spec);

  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, list.title, list.subtitle, /*with_money=*/false));
  std::string month_headers[3];
  for (int i = 0; i < 3; ++i) month_headers[i] = fmt::format("{}月得分", list.months[i]);
  const ListColumn columns[kColumns] = {{"名次", 6},
                                        {"单位", 26},
                                        {month_headers[0].c_str(), 11},
                                        {month_headers[1].c_str(), 11},
                                        {month_headers[2].c_str(), 11},
                                        {"督查评分", 11},
                                        {"季度得分", 11},
                                        {"奖项", 12}};
  RETURN_IF_ERROR(WriteHeaderRow(*sheet, f, kHeaderRow, columns));
  sheet->FreezePanes(kHeaderRow + 1, 2);

  int row = kHeaderRow + 1;
  for (const QuarterScoreRow& r : list.rows) {
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, r.rank, 0, centred));
    RETURN_IF_ERROR(sheet->WriteString(row, 1, r.unit, f.wrap));
    for (int i = 0; i < 3; ++i) RETURN_IF_ERROR(sheet->WriteDecimal(row, 2 + i, r.monthly[i], 2, points));
    if (r.inspection) {
      RETURN_IF_ERROR(sheet->WriteDecimal(row, 5, *r.inspection, 2, points));
    } else {
      RETURN_IF_ERROR(sheet->WriteBlank(row, 5, points));
    }
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 6, r.total, 2, total));
    if (r.award.empty()) {
      RETURN_IF_ERROR(sheet->WriteBlank(row, 7, centred));
    } else {
      RETURN_IF_ERROR(sheet->WriteString(row, 7, r.award, centred));
    }
    ++row;
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
