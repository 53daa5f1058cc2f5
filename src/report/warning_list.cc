#include "report/warning_list.h"

#include <iterator>

#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

constexpr double kWidths[] = {6, 7, 24, 32, 22, 10, 46, 10, 10, 9, 36, 10, 17, 17};
static_assert(std::size(kWidths) == std::size(kWarningListHeaders));
constexpr int kColumns = static_cast<int>(std::size(kWidths));
constexpr int kHeaderRow = 2;

}  // namespace

StatusOr<std::string> WarningListXlsx(const WarningList& list) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("预警清单"));
  const SheetFormats f = AddSheetFormats(*book);
  const ColourFormats colours = AddColourFormats(*book);
  xlsx::FormatSpec spec = CellSpec();
  spec.align = xlsx::HAlign::kCenter;
  const xlsx::Format centred = book->AddFormat(spec);

  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, list.title, list.subtitle, /*with_money=*/false));
  ListColumn columns[kColumns];
  for (int c = 0; c < kColumns; ++c) columns[c] = {kWarningListHeaders[c], kWidths[c]};
  RETURN_IF_ERROR(WriteHeaderRow(*sheet, f, kHeaderRow, columns));
  sheet->FreezePanes(kHeaderRow + 1, 4);

  int row = kHeaderRow + 1;
  for (const WarningListRow& r : list.rows) {
    auto text = [&](int c, const std::string& v, xlsx::Format format) {
      return v.empty() ? sheet->WriteBlank(row, c, format) : sheet->WriteString(row, c, v, format);
    };
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, row - kHeaderRow, 0, centred));
    RETURN_IF_ERROR(colours.Write(*sheet, row, 1, r.colour));
    RETURN_IF_ERROR(text(2, r.code, f.text));
    RETURN_IF_ERROR(text(3, r.project, f.wrap));
    RETURN_IF_ERROR(text(4, r.lead_unit, f.wrap));
    RETURN_IF_ERROR(text(5, r.metric, centred));
    RETURN_IF_ERROR(text(6, r.reason, f.wrap));
    RETURN_IF_ERROR(text(7, r.since_period, centred));
    RETURN_IF_ERROR(text(8, r.last_period, centred));
    RETURN_IF_ERROR(text(9, r.state, centred));
    RETURN_IF_ERROR(text(10, r.ack_note, f.wrap));
    RETURN_IF_ERROR(text(11, r.acknowledged_by, f.text));
    RETURN_IF_ERROR(text(12, r.acknowledged_at, centred));
    RETURN_IF_ERROR(text(13, r.closed_at, centred));
    ++row;
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
