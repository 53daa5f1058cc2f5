// libFuzzer target: the CSV reader (src/xlsx/csv.h) on arbitrary bytes, UTF-8 or GB18030 as
// Chinese Excel and WPS save them, then the ledger import's reading of the rows.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "xlsx/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tuijin;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
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
