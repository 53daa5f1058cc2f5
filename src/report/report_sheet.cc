#include "report/report_sheet.h"

#include <iterator>

#include "report/sheet_formats.h"

namespace tuijin::report {

StatusOr<std::string> ReportSheetXlsx(const ReportSheet& sheet) {
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  const SheetFormats f = AddSheetFormats(*book);
  // The cells a unit fills in are yellow.
  xlsx::FormatSpec input = CellSpec();
  input.fill_color = 0xFFF2CC;
  input.wrap = true;
  const xlsx::Format f_input_text = book->AddFormat(input);
  input.wrap = false;
  input.num_format = "#,##0.00";
  const xlsx::Format f_input = book->AddFormat(input);

  ASSIGN_OR_RETURN(xlsx::Worksheet * ws, book->AddWorksheet("进度填报"));
  const int columns = static_cast<int>(std::size(kReportSheetHeaders));
  RETURN_IF_ERROR(WriteTitleRows(*ws, f, columns, sheet.title, sheet.subtitle));
  const double widths[] = {6, 26, 34, 20, 12, 14, 14, 36, 10, 30, 12, 10};
  for (int c = 0; c < columns; ++c) {
    RETURN_IF_ERROR(ws->SetColumnWidth(c, c, widths[c]));
    RETURN_IF_ERROR(ws->WriteString(2, c, kReportSheetHeaders[c], f.header));
  }
  ws->FreezePanes(3, 3);
  auto money_or_blank = [&](int row, int col, const std::optional<Fen>& v, xlsx::Format format) {
    return v ? ws->WriteDecimal(row, col, *v, kWanDecimals, format) : ws->WriteBlank(row, col, format);
  };
  int row = 3;
  for (size_t i = 0; i < sheet.rows.size(); ++i, ++row) {
    const ReportSheetRow& r = sheet.rows[i];
    RETURN_IF_ERROR(ws->WriteNumber(row, 0, static_cast<double>(i + 1), f.wrap));
    RETURN_IF_ERROR(ws->WriteString(row, 1, r.code, f.wrap));
    RETURN_IF_ERROR(ws->WriteString(row, 2, r.name, f.wrap));
    RETURN_IF_ERROR(ws->WriteString(row, 3, r.lead_unit, f.wrap));
    RETURN_IF_ERROR(money_or_blank(row, 4, r.annual_plan, f.money));
    RETURN_IF_ERROR(ws->WriteDecimal(row, 5, r.year_to_date, kWanDecimals, f.money));
    RETURN_IF_ERROR(money_or_blank(row, 6, r.amount, f_input));
    RETURN_IF_ERROR(ws->WriteString(row, 7, r.progress_text, f_input_text));
    if (r.physical_percent) RETURN_IF_ERROR(ws->WriteNumber(row, 8, static_cast<double>(*r.physical_percent), f_input));
    else RETURN_IF_ERROR(ws->WriteBlank(row, 8, f_input));
    RETURN_IF_ERROR(ws->WriteString(row, 9, r.problems, f_input_text));
    RETURN_IF_ERROR(money_or_blank(row, 10, r.stats_amount, f_input));
    RETURN_IF_ERROR(ws->WriteString(row, 11, r.state, f.wrap));
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
