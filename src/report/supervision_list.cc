#include "report/supervision_list.h"

#include <iterator>

#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

// Widths in characters, aligned with the headers.
constexpr double kWidths[] = {6, 10, 40, 9, 12, 9, 22, 26, 30, 11, 11, 12, 9, 11, 9};
static_assert(std::size(kWidths) == std::size(kSupervisionListHeaders));
static_assert(std::size(kWidths) == std::size(kTaskListHeaders));
constexpr int kColumns = static_cast<int>(std::size(kWidths));
// Which columns wrap their text: 事项名称, 配合单位, 关联项目.
constexpr bool Wraps(int c) { return c == 2 || c == 7 || c == 8; }

constexpr int kHeaderRow = 2;

}  // namespace

StatusOr<std::string> SupervisionListXlsx(const SupervisionList& list) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  ASSIGN_OR_RETURN(xlsx::Worksheet * sheet, book->AddWorksheet(list.tasks ? "任务台账" : "督办事项台账"));
  const SheetFormats f = AddSheetFormats(*book);
  xlsx::FormatSpec spec = CellSpec();
  spec.align = xlsx::HAlign::kCenter;
  const xlsx::Format centered = book->AddFormat(spec);
  spec.num_format = "0";
  const xlsx::Format number = book->AddFormat(spec);
  spec.font_color = 0xC00000;
  const xlsx::Format overdue = book->AddFormat(spec);

  // A list of items has no amounts, so no "单位:万元".
  RETURN_IF_ERROR(WriteTitleRows(*sheet, f, kColumns, list.title, list.subtitle, /*with_money=*/false));
  const auto& headers = list.tasks ? kTaskListHeaders : kSupervisionListHeaders;
  for (int c = 0; c < kColumns; ++c) {
    RETURN_IF_ERROR(sheet->SetColumnWidth(c, c, kWidths[c]));
    RETURN_IF_ERROR(sheet->WriteString(kHeaderRow, c, headers[c], f.header));
  }
  sheet->FreezePanes(kHeaderRow + 1, 3);

  int row = kHeaderRow + 1;
  int64_t serial = 0;
  for (const SupervisionListRow& r : list.rows) {
    ++serial;
    auto text = [&](int c, const std::string& v, xlsx::Format format) {
      return v.empty() ? sheet->WriteBlank(row, c, format) : sheet->WriteString(row, c, v, format);
    };
    if (list.tasks) {
      RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, r.task_seq.value_or(serial), 0, number));
      RETURN_IF_ERROR(text(1, r.area, f.wrap));
    } else {
      RETURN_IF_ERROR(sheet->WriteDecimal(row, 0, serial, 0, number));
      RETURN_IF_ERROR(text(1, r.number, centered));
    }
    const std::string* cells[] = {&r.title,    &r.category, &r.source,    &r.priority, &r.lead_unit,
                                  &r.co_units, &r.projects, &r.issued_on, &r.deadline, &r.status};
    int c = 2;
    for (const std::string* v : cells) {
      RETURN_IF_ERROR(text(c, *v, Wraps(c) ? f.wrap : (c >= 9 || c == 3 || c == 5) ? centered : f.text));
      ++c;
    }
    if (r.overdue_days > 0) {
      RETURN_IF_ERROR(sheet->WriteDecimal(row, c, r.overdue_days, 0, overdue));
    } else {
      RETURN_IF_ERROR(sheet->WriteBlank(row, c, number));
    }
    ++c;
    RETURN_IF_ERROR(text(c++, r.closed_on, centered));
    RETURN_IF_ERROR(text(c++, r.closed_on_time ? (*r.closed_on_time ? "是" : "否") : "", centered));
    ++row;
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
