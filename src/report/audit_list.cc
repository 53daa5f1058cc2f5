#include "report/audit_list.h"

#include <iterator>

#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

constexpr double kWidths[] = {7, 19, 12, 8, 15, 20, 18, 26, 60, 40};
static_assert(std::size(kWidths) == std::size(kAuditListHeaders));
constexpr int kColumns = static_cast<int>(std::size(kWidths));
constexpr int kHeaderRow = 2;

}  // namespace

StatusOr<std::string> AuditListXlsx(const AuditList& list) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet("操作日志"));
  const SheetFormats f = AddSheetFormats(*book);
  xlsx::FormatSpec spec = CellSpec();
  spec.align = xlsx::HAlign::kCenter;
  const xlsx::Format centred = book->AddFormat(spec);

  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, list.title, list.subtitle, /*with_money=*/false));
  ListColumn columns[kColumns];
  for (int c = 0; c < kColumns; ++c) columns[c] = {kAuditListHeaders[c], kWidths[c]};
  RETURN_IF_ERROR(WriteHeaderRow(*sheet, f, kHeaderRow, columns));
  sheet->FreezePanes(kHeaderRow + 1, 2);

  int row = kHeaderRow + 1;
  for (const AuditListRow& r : list.rows) {
    auto text = [&](int c, const std::string& v, xlsx::Format format) {
      return v.empty() ? sheet->WriteBlank(row, c, format) : sheet->WriteString(row, c, v, format);
    };
    RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, row - kHeaderRow, 0, centred));
    RETURN_IF_ERROR(text(1, r.at, centred));
    RETURN_IF_ERROR(text(2, r.username, f.text));
    RETURN_IF_ERROR(text(3, r.role, centred));
    RETURN_IF_ERROR(text(4, r.address, f.text));
    RETURN_IF_ERROR(text(5, r.action, f.text));
    RETURN_IF_ERROR(text(6, r.target, f.wrap));
    RETURN_IF_ERROR(text(7, r.result, f.wrap));
    RETURN_IF_ERROR(text(8, r.changes, f.wrap));
    RETURN_IF_ERROR(text(9, r.path, f.wrap));
    ++row;
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
