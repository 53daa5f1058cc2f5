#include "report/report_sheet.h"

#include <iterator>

#include "xlsx/writer.h"

namespace tuijin::report {

StatusOr<std::string> ReportSheetXlsx(const ReportSheet& sheet) {
  using xlsx::FormatSpec;
  std::string bytes;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
  auto spec = [](double size) {
    FormatSpec s;
    s.font_name = "宋体";
    s.font_size = size;
    return s;
  };
  FormatSpec title = spec(16);
  title.bold = true;
  title.align = xlsx::HAlign::kCenter;
  title.font_name = "方正小标宋简体";
  FormatSpec sub = spec(10);
  sub.align = xlsx::HAlign::kRight;
  FormatSpec header = spec(10);
  header.bold = true;
  header.border = xlsx::Border::kThin;
  header.align = xlsx::HAlign::kCenter;
  header.valign = xlsx::VAlign::kCenter;
  header.wrap = true;
  header.fill_color = 0xDDEBF7;
  FormatSpec text = spec(10);
  text.border = xlsx::Border::kThin;
  text.valign = xlsx::VAlign::kCenter;
  text.wrap = true;
  FormatSpec money = text;
  money.wrap = false;
  money.num_format = "#,##0.00";
  FormatSpec input = money;  // the cells a unit fills in
  input.fill_color = 0xFFF2CC;
  FormatSpec input_text = text;
  input_text.fill_color = 0xFFF2CC;
  const auto f_title = book->AddFormat(title), f_sub = book->AddFormat(sub), f_header = book->AddFormat(header),
             f_text = book->AddFormat(text), f_money = book->AddFormat(money), f_input = book->AddFormat(input),
             f_input_text = book->AddFormat(input_text);

  ASSIGN_OR_RETURN(xlsx::Worksheet * ws, book->AddWorksheet("进度填报"));
  const int columns = static_cast<int>(std::size(kReportSheetHeaders));
  RETURN_IF_ERROR(ws->SetRowHeight(0, 30));
  RETURN_IF_ERROR(ws->MergeRange(0, 0, 0, columns - 1, sheet.title, f_title));
  RETURN_IF_ERROR(ws->MergeRange(1, 0, 1, columns - 1, sheet.subtitle + "    单位:万元", f_sub));
  const double widths[] = {6, 26, 34, 20, 12, 14, 14, 36, 10, 30, 12, 10};
  for (int c = 0; c < columns; ++c) {
    RETURN_IF_ERROR(ws->SetColumnWidth(c, c, widths[c]));
    RETURN_IF_ERROR(ws->WriteString(2, c, kReportSheetHeaders[c], f_header));
  }
  ws->FreezePanes(3, 3);
  auto money_or_blank = [&](int row, int col, const std::optional<Fen>& v, xlsx::Format f) {
    return v ? ws->WriteDecimal(row, col, *v, 6, f) : ws->WriteBlank(row, col, f);
  };
  int row = 3;
  for (size_t i = 0; i < sheet.rows.size(); ++i, ++row) {
    const ReportSheetRow& r = sheet.rows[i];
    RETURN_IF_ERROR(ws->WriteNumber(row, 0, static_cast<double>(i + 1), f_text));
    RETURN_IF_ERROR(ws->WriteString(row, 1, r.code, f_text));
    RETURN_IF_ERROR(ws->WriteString(row, 2, r.name, f_text));
    RETURN_IF_ERROR(ws->WriteString(row, 3, r.lead_unit, f_text));
    RETURN_IF_ERROR(money_or_blank(row, 4, r.annual_plan, f_money));
    RETURN_IF_ERROR(ws->WriteDecimal(row, 5, r.year_to_date, 6, f_money));
    RETURN_IF_ERROR(money_or_blank(row, 6, r.amount, f_input));
    RETURN_IF_ERROR(ws->WriteString(row, 7, r.progress_text, f_input_text));
    if (r.physical_percent) RETURN_IF_ERROR(ws->WriteNumber(row, 8, static_cast<double>(*r.physical_percent), f_input));
    else RETURN_IF_ERROR(ws->WriteBlank(row, 8, f_input));
    RETURN_IF_ERROR(ws->WriteString(row, 9, r.problems, f_input_text));
    RETURN_IF_ERROR(money_or_blank(row, 10, r.stats_amount, f_input));
    RETURN_IF_ERROR(ws->WriteString(row, 11, r.state, f_text));
  }
  RETURN_IF_ERROR(book->Close());
  return bytes;
}

}  // namespace tuijin::report
