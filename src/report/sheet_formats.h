// The look every ledger and sheet of the bureau shares: 宋体 10 pt cells with thin borders,
// a bold blue header, grey group headings and 小计/合计 rows, money as #,##0.00 of 万元, and
// the title and "单位:万元" lines above the header.
#pragma once

#include <span>
#include <string>

#include "base/money.h"
#include "base/status.h"
#include "domain/status_rules.h"
#include "xlsx/writer.h"

namespace tuijin::report {

// 万元 has six decimals of 分: money goes to the sheet as an exact decimal.
inline constexpr int kWanDecimals = 6;
static_assert(kFenPerWan == 1'000'000);

struct SheetFormats {
  xlsx::Format title;        // 18 pt 方正小标宋简体, centred
  xlsx::Format subtitle;     // the line under the title, right-aligned
  xlsx::Format header;       // bold, centred, wrapped, light blue
  xlsx::Format text;         // a bordered cell, vertically centred
  xlsx::Format wrap;         // the same, wrapping long text
  xlsx::Format money;        // the same, #,##0.00
  xlsx::Format group;        // a group heading, or the label of a 小计/合计 row
  xlsx::Format group_money;  // the sums of a 小计/合计 row
};

// The spec of `text` above, for formats of a sheet's own (e.g. other number formats).
xlsx::FormatSpec CellSpec();

// Adds the formats to `book` (once per workbook).
SheetFormats AddSheetFormats(xlsx::WorkbookWriter& book);

// Rows 0 and 1 across `columns`: the title (30 pt high), and the subtitle followed by
// "    单位:万元" (a sheet without amounts passes with_money = false: no unit is named).
Status WriteTitleRows(xlsx::Worksheet& sheet, const SheetFormats& f, int columns, const std::string& title,
                      const std::string& subtitle, bool with_money = true);

// A column of a plain list: its header and its width in characters.
struct ListColumn {
  const char* header;
  double width;
};

// Row `row`: the headers of `columns` (from column 0), and the columns' widths.
Status WriteHeaderRow(xlsx::Worksheet& sheet, const SheetFormats& f, int row, std::span<const ListColumn> columns);

// 红黄绿 as the cell's colour: bold, centred, filled green 92D050, yellow FFFF00 or red FF0000
// (white text on red), as the bureau's ledgers show it.
struct ColourFormats {
  xlsx::Format green, yellow, red;
  xlsx::Format Of(domain::Colour colour) const;
  // The cell: 红, 黄 or 绿 in its colour.
  Status Write(xlsx::Worksheet& sheet, int row, int col, domain::Colour colour) const;
};

ColourFormats AddColourFormats(xlsx::WorkbookWriter& book);

}  // namespace tuijin::report
