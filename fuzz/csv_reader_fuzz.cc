// libFuzzer target: the CSV reader (src/xlsx/csv.h) on arbitrary bytes, UTF-8 or GB18030 as
// Chinese Excel and WPS save them, then the ledger import's reading of the rows.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "xlsx/csv.h"

namespace {

using namespace tuijin;

// Round trip: the input read as records (split at \x02) of fields (split at \x01), written
// as RFC 4180 CSV with every field quoted, must parse back to the same fields; records
// whose fields are all empty are skipped, as the reader documents.
void RoundTrip(std::string_view input) {
  if (!xlsx::IsValidUtf8(input)) return;
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  for (char c : input) {
    if (c == '\x02') {
      records.emplace_back(1);
    } else if (c == '\x01') {
      records.back().emplace_back();
    } else {
      records.back().back() += c;
    }
  }
  std::string csv;
  std::vector<std::vector<std::string>> expected;
  for (const auto& fields : records) {
    bool any = false;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) csv += ',';
      csv += '"';
      for (char c : fields[i]) csv += c == '"' ? std::string("\"\"") : std::string(1, c);
      csv += '"';
      any = any || !fields[i].empty();
    }
    csv += "\r\n";
    if (any) expected.push_back(fields);
  }
  auto rows = xlsx::ParseCsv(csv);
  if (!rows.ok()) {
    FUZZ_CHECK(rows.status().error_code() == "csv.too_many_columns");
    return;
  }
  FUZZ_CHECK(rows->size() == expected.size());
  for (size_t r = 0; r < expected.size(); ++r) {
    const auto& cells = (*rows)[r].cells;
    // Trailing empty fields may be dropped, as the .xlsx reader drops trailing empty cells.
    FUZZ_CHECK(cells.size() <= expected[r].size());
    for (size_t i = 0; i < expected[r].size(); ++i) {
      FUZZ_CHECK((i < cells.size() ? cells[i].text : std::string()) == expected[r][i]);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  RoundTrip(bytes);
  const bool utf8 = xlsx::IsValidUtf8(bytes);
  for (char delimiter : {',', '\t'}) {
    xlsx::CsvOptions options;
    options.delimiter = delimiter;
    auto rows = xlsx::ParseCsv(bytes, options);
    if (!rows.ok()) continue;
    int previous = 0;
    for (const auto& row : *rows) {
      // Records are numbered in order; every field is UTF-8 text whatever the input was.
      FUZZ_CHECK(row.index > previous);
      previous = row.index;
      FUZZ_CHECK(!row.cells.empty());
      for (const auto& cell : row.cells) {
        FUZZ_CHECK(cell.type == xlsx::CellType::kString);
        FUZZ_CHECK(xlsx::IsValidUtf8(cell.text));
        // UTF-8 input is kept as written: a field can only hold bytes of the input.
        if (utf8) FUZZ_CHECK(cell.text.size() <= bytes.size());
      }
    }
    if (delimiter == ',') fuzz::ExerciseImportGrid(*rows, {});
  }
  return 0;
}
