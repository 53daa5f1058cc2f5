// libFuzzer target: what tuijin's writer (src/xlsx/writer.h) exports, its reader imports
// unchanged — the property behind "export, then re-import changes nothing". The input is a
// sheet name, then cells: \x01 separates cells, \x02 rows (text must be UTF-8; control
// characters, CR, "_x0041_" and the like are exactly what the writer must escape and the
// reader unescape).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "xlsx/csv.h"
#include "xlsx/reader.h"
#include "xlsx/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tuijin;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!xlsx::IsValidUtf8(input)) return 0;
  const size_t name_end = input.find('\x02');
  const std::string_view sheet_name = input.substr(0, name_end == std::string_view::npos ? 0 : name_end);
  input.remove_prefix(name_end == std::string_view::npos ? 0 : name_end + 1);
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  for (char c : input) {
    if (c == '\x02') {
      rows.emplace_back(1);
    } else if (c == '\x01') {
      rows.back().emplace_back();
    } else {
      rows.back().back() += c;
    }
  }

  std::string bytes;
  auto book = xlsx::WorkbookWriter::CreateInMemory(&bytes);
  FUZZ_CHECK(book.ok());
  auto ws = (*book)->AddWorksheet(sheet_name);
  if (!ws.ok()) {
    FUZZ_CHECK(ws.status().error_code() == "xlsx.bad_sheet_name");
    return 0;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size() && c < 200; ++c) {
      if (rows[r][c].empty()) continue;
      if (Status st = (*ws)->WriteString(static_cast<int>(r), static_cast<int>(c), rows[r][c]); !st.ok()) {
        FUZZ_CHECK(st.error_code() == "xlsx.cell_too_long");
        return 0;
      }
    }
  }
  FUZZ_CHECK((*book)->Close().ok());

  auto read = xlsx::Workbook::OpenBuffer(std::string_view(bytes));
  FUZZ_CHECK(read.ok());
  FUZZ_CHECK((*read)->sheet_names().size() == 1);
  if (!sheet_name.empty()) FUZZ_CHECK((*read)->sheet_names()[0] == sheet_name);
  auto sheet = (*read)->ReadAll(0);
  FUZZ_CHECK(sheet.ok());
  // Every non-empty cell is back in its place with its text; nothing else is there.
  size_t next = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    bool any = false;
    for (size_t c = 0; c < rows[r].size() && c < 200; ++c) any = any || !rows[r][c].empty();
    if (!any) continue;
    FUZZ_CHECK(next < sheet->rows.size());
    const xlsx::Row& got = sheet->rows[next++];
    FUZZ_CHECK(got.index == static_cast<int>(r) + 1);
    for (size_t c = 0; c < rows[r].size() && c < 200; ++c) {
      const std::string text = c < got.cells.size() ? got.cells[c].text : std::string();
      FUZZ_CHECK(text == rows[r][c]);
      if (!rows[r][c].empty()) FUZZ_CHECK(got.cells[c].type == xlsx::CellType::kString);
    }
    FUZZ_CHECK(got.cells.size() <= std::min<size_t>(rows[r].size(), 200));
  }
  FUZZ_CHECK(next == sheet->rows.size());
  return 0;
}
