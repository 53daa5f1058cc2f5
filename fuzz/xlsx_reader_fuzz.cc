// libFuzzer target: the streaming .xlsx reader (src/xlsx/reader.h) on arbitrary bytes, as an
// upload reaches it, then the ledger import's reading of every sheet it could open.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "xlsx/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tuijin;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Limits below the server's, so that one input cannot take seconds; the checks are the same.
  xlsx::ReaderOptions options;
  options.max_part_bytes = 16ull << 20;
  options.ratio_min_bytes = 64 << 10;
  options.max_rows = 5000;
  auto book = xlsx::Workbook::OpenBuffer(bytes, options);
  if (!book.ok()) return 0;
  FUZZ_CHECK(!(*book)->sheet_names().empty());
  const int sheets = static_cast<int>((*book)->sheet_names().size());
  for (int s = 0; s < sheets && s < 4; ++s) {
    auto contents = (*book)->ReadAll(s);
    if (!contents.ok()) continue;
    for (const auto& row : contents->rows) {
      FUZZ_CHECK(row.index >= 1 && row.index <= options.max_rows);
      FUZZ_CHECK(row.cells.size() <= static_cast<size_t>(xlsx::kMaxColumns));
    }
    for (const auto& m : contents->merged) (void)xlsx::RangeName(m);
    fuzz::ExerciseImportGrid(contents->rows, contents->merged);
  }
  return 0;
}
