#include "report/status_list.h"

#include <iterator>

#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

constexpr double kWidths[] = {6, 8, 24, 32, 8, 22, 14, 16, 11, 60};
static_assert(std::size(kWidths) == std::size(kStatusListHeaders));
constexpr int kColumns = static_cast<int>(std::size(kWidths));
constexpr int kHeaderRow = 2;

}  // namespace

StatusOr<std::string> StatusListXlsx(const StatusList& list) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("红黄绿状态"));
  const SheetFormats f = AddSheetFormats(*book);
  const ColourFormats colours = AddColourFormats(*book);
  xlsx::FormatSpec spec = CellSpec();
  spec.align = xlsx::HAlign::kCenter;
  const xlsx::Format centred = book->AddFormat(spec);
  spec.num_format = "0.0%";
  const xlsx::Format percent = book->AddFormat(spec);

  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, list.title, list.subtitle));
  ListColumn columns[kColumns];
  for (int c = 0; c < kColumns; ++c) columns[c] = {kStatusListHeaders[c], kWidths[c]};
  RETURN_IF_ERROR(WriteHeaderRow(*sheet, f, kHeaderRow, columns));
  sheet->FreezePanes(kHeaderRow + 1, 4);

  int row = kHeaderRow + 1;
  for (const StatusListRow& r : list.rows) {
    auto text = [&](int c, const std::string& v, xlsx::Format format) {
      return v.empty() ? sheet->WriteBlank(row, c, format) : sheet->WriteString(row, c, v, format);
    };
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, row - kHeaderRow, 0, centred));
    RETURN_IF_ERROR(colours.Write(*sheet, row, 1, r.colour));
    RETURN_IF_ERROR(text(2, r.code, f.text));
    RETURN_IF_ERROR(text(3, r.project, f.wrap));
    RETURN_IF_ERROR(text(4, r.level, centred));
    RETURN_IF_ERROR(text(5, r.lead_unit, f.wrap));
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 6, r.annual_plan, kWanDecimals, f.money));
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 7, r.year_to_date, kWanDecimals, f.money));
    if (r.annual_plan > 0) {
      RETURN_IF_ERROR(sheet->WriteNumber(
          row, 8, static_cast<double>(r.year_to_date) / static_cast<double>(r.annual_plan), percent));
    } else {
      RETURN_IF_ERROR(sheet->WriteString(row, 8, "—", centred));
    }
    std::string reasons;
    for (const std::string& reason : r.reasons) reasons += (reasons.empty() ? "" : "\n") + reason;
    RETURN_IF_ERROR(text(9, reasons, f.wrap));
    ++row;
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
