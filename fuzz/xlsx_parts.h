// The parts of a one-sheet .xlsx that the xlsx_parts target takes from its input, in order,
// separated by NUL bytes; the package around them is fixed.
#pragma once

#include <string_view>

namespace tuijin::fuzz {

inline constexpr std::string_view kXlsxPartNames[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
    "xl/styles.xml"};

}  // namespace tuijin::fuzz
