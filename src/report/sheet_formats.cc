#include "report/sheet_formats.h"

namespace tuijin::report {
namespace {

xlsx::FormatSpec Font(double size) {
  xlsx::FormatSpec s;
  s.font_name = "宋体";
  s.font_size = size;
  return s;
}

}  // namespace

xlsx::FormatSpec CellSpec() {
  xlsx::FormatSpec s = Font(10);
  s.border = xlsx::Border::kThin;
  s.valign = xlsx::VAlign::kCenter;
  return s;
}

SheetFormats AddSheetFormats(xlsx::WorkbookWriter& book) {
  SheetFormats f;
  xlsx::FormatSpec title = Font(18);
  title.bold = true;
  title.align = xlsx::HAlign::kCenter;
  title.valign = xlsx::VAlign::kCenter;
  title.font_name = "方正小标宋简体";
  f.title = book.AddFormat(title);
  xlsx::FormatSpec sub = Font(10);
  sub.align = xlsx::HAlign::kRight;
  f.subtitle = book.AddFormat(sub);
  xlsx::FormatSpec header = CellSpec();
  header.bold = true;
  header.align = xlsx::HAlign::kCenter;
  header.wrap = true;
  header.fill_color = 0xDDEBF7;
  f.header = book.AddFormat(header);
  xlsx::FormatSpec text = CellSpec();
  f.text = book.AddFormat(text);
  text.wrap = true;
  f.wrap = book.AddFormat(text);
  xlsx::FormatSpec money = CellSpec();
  money.num_format = "#,##0.00";
  f.money = book.AddFormat(money);
  xlsx::FormatSpec group = Font(10);
  group.bold = true;
  group.border = xlsx::Border::kThin;
  group.fill_color = 0xF2F2F2;
  f.group = book.AddFormat(group);
  group.num_format = "#,##0.00";
  f.group_money = book.AddFormat(group);
  return f;
}

Status WriteTitleRows(xlsx::Worksheet& sheet, const SheetFormats& f, int columns, const std::string& title,
                      const std::string& subtitle, bool with_money) {
  RETURN_IF_ERROR(sheet.SetRowHeight(0, 30));
  RETURN_IF_ERROR(sheet.MergeRange(0, 0, 0, columns - 1, title, f.title));
  return sheet.MergeRange(1, 0, 1, columns - 1, with_money ? subtitle + "    单位:万元" : subtitle, f.subtitle);
}

Status WriteHeaderRow(xlsx::Worksheet& sheet, const SheetFormats& f, int row, std::span<const ListColumn> columns) {
  for (size_t i = 0; i < columns.size(); ++i) {
    const int c = static_cast<int>(i);
    RETURN_IF_ERROR(sheet.SetColumnWidth(c, c, columns[i].width));
    RETURN_IF_ERROR(sheet.WriteString(row, c, columns[i].header, f.header));
  }
  return Status::Ok();
}

xlsx::Format ColourFormats::Of(domain::Colour colour) const {
  return colour == domain::Colour::kRed ? red : colour == domain::Colour::kYellow ? yellow : green;
}

Status ColourFormats::Write(xlsx::Worksheet& sheet, int row, int col, domain::Colour colour) const {
  return sheet.WriteString(row, col, domain::ColourLabel(colour), Of(colour));
}

ColourFormats AddColourFormats(xlsx::WorkbookWriter& book) {
  ColourFormats x;
  xlsx::FormatSpec c = CellSpec();
  c.align = xlsx::HAlign::kCenter;
  c.bold = true;
  c.fill_color = 0x92D050;
  x.green = book.AddFormat(c);
  c.fill_color = 0xFFFF00;
  x.yellow = book.AddFormat(c);
  c.fill_color = 0xFF0000;
  c.font_color = 0xFFFFFF;
  x.red = book.AddFormat(c);
  return x;
}

}  // namespace tuijin::report
