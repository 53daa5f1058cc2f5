// Excel's sheet limits and cell references ("A", "XFD", "B3"), shared by the reader and the
// writer. Columns are 0-based here (0 is A).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tuijin::xlsx {

constexpr int kMaxColumns = 16384;   // A..XFD, Excel's limit
constexpr int kMaxRows = 1'048'576;  // Excel's limit

// "A" → 0, "Z" → 25, "AA" → 26, "XFD" → 16383; case-insensitive. nullopt when not 1–3
// letters or past XFD.
std::optional<int> ColumnIndex(std::string_view letters);
// Writes the letters of column `index` (0..16383) at `out`, which has room for 3; returns
// the end. For writers composing XML in place.
char* PutColumnName(char* out, int index);
// 0 → "A", 26 → "AA". Empty for a column outside 0..16383.
std::string ColumnName(int index);

}  // namespace tuijin::xlsx
