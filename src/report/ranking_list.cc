#include "report/ranking_list.h"

#include <fmt/format.h>

#include <iterator>

#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

constexpr double kWidths[] = {6, 26, 14, 14, 14, 11, 11, 12, 8, 10, 16, 10};
static_assert(std::size(kWidths) == std::size(kRankingListHeaders));
constexpr int kColumns = static_cast<int>(std::size(kWidths));
constexpr int kHeaderRow = 2;

}  // namespace

StatusOr<std::string> RankingListXlsx(const RankingList& list) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("月度排名"));
  const SheetFormats f = AddSheetFormats(*book);
  xlsx::FormatSpec spec = CellSpec();
  spec.align = xlsx::HAlign::kCenter;
  const xlsx::Format centred = book->AddFormat(spec);
  xlsx::FormatSpec last = spec;
  last.font_color = 0xC00000;
  last.bold = true;
  const xlsx::Format escalated = book->AddFormat(last);
  spec.num_format = "0.00%";
  const xlsx::Format percent = book->AddFormat(spec);
  spec.num_format = "0.00";
  const xlsx::Format points = book->AddFormat(spec);

  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, list.title, list.subtitle));
  ListColumn columns[kColumns];
  for (int c = 0; c < kColumns; ++c) columns[c] = {kRankingListHeaders[c], kWidths[c]};
  columns[7].header = list.value_header.c_str();
  RETURN_IF_ERROR(WriteHeaderRow(*sheet, f, kHeaderRow, columns));
  sheet->FreezePanes(kHeaderRow + 1, 2);

  int row = kHeaderRow + 1;
  for (const RankingListRow& r : list.rows) {
    auto rate = [&](int c, const std::optional<int64_t>& v) {
      // Hundredths of a percent are ten-thousandths of one.
      return v ? sheet->WriteDecimal(row, c, *v, 4, percent) : sheet->WriteString(row, c, "—", centred);
    };
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, r.rank, 0, centred));
    RETURN_IF_ERROR(sheet->WriteString(row, 1, r.unit, f.wrap));
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 2, r.target, kWanDecimals, f.money));
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 3, r.year_to_date, kWanDecimals, f.money));
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 4, r.last_year_to_date, kWanDecimals, f.money));
    RETURN_IF_ERROR(rate(5, r.completion));
    RETURN_IF_ERROR(rate(6, r.growth));
    RETURN_IF_ERROR(rate(7, r.value));
    if (!r.movement) {
      RETURN_IF_ERROR(sheet->WriteBlank(row, 8, centred));
    } else {
      const int m = *r.movement;
      RETURN_IF_ERROR(sheet->WriteString(row, 8, m > 0 ? fmt::format("↑{}", m) : m < 0 ? fmt::format("↓{}", -m) : "—",
                                         centred));
    }
    if (r.last_place_run > 0) {
      RETURN_IF_ERROR(sheet->WriteDecimal(row, 9, r.last_place_run, 0, escalated));
    } else {
      RETURN_IF_ERROR(sheet->WriteBlank(row, 9, centred));
    }
    if (r.escalation.empty()) {
      RETURN_IF_ERROR(sheet->WriteBlank(row, 10, centred));
    } else {
      RETURN_IF_ERROR(sheet->WriteString(row, 10, r.escalation, escalated));
    }
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 11, r.score, 2, points));
    ++row;
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
