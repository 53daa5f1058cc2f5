// libFuzzer target: the XML inside an .xlsx (workbook, its relationships, the sheet, shared
// strings, styles) as the reader parses it. xlsx_reader mutates whole packages, where nearly
// every change breaks the compressed data before the XML is reached; here the input is the
// parts themselves (fuzz/xlsx_parts.h), stored uncompressed in a fresh zip for each run, so
// the mutations reach expat and the reader's cell, style and merge handling.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/xlsx_parts.h"
#include "xlsx/reader.h"

namespace {

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
    R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)"
    R"(</Types>)";
constexpr std::string_view kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";

// A zip of (name, contents) entries, stored; empty on failure.
std::string Zip(const std::vector<std::pair<std::string_view, std::string_view>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return {};
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  std::string out;
  if (archive) {
    for (const auto& [name, contents] : entries) {
      zip_source_t* part = zip_source_buffer(archive, contents.data(), contents.size(), 0);
      const zip_int64_t index = part ? zip_file_add(archive, std::string(name).c_str(), part, ZIP_FL_OVERWRITE) : -1;
      if (index < 0) {
        zip_source_free(part);
        continue;
      }
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    if (zip_close(archive) != 0) zip_discard(archive);
    if (zip_source_open(buffer) == 0) {
      zip_source_seek(buffer, 0, SEEK_END);
      const zip_int64_t size = zip_source_tell(buffer);
      zip_source_seek(buffer, 0, SEEK_SET);
      if (size > 0) {
        out.resize(static_cast<size_t>(size));
        if (zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size)) != size) out.clear();
      }
      zip_source_close(buffer);
    }
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tuijin;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string_view, std::string_view>> entries = {{"[Content_Types].xml", kContentTypes},
                                                                        {"_rels/.rels", kRootRels}};
  for (std::string_view name : fuzz::kXlsxPartNames) {
    const size_t end = input.find('\0');
    entries.emplace_back(name, input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  const std::string package = Zip(entries);
  if (package.empty()) return 0;
  xlsx::ReaderOptions options;
  options.max_rows = 5000;
  auto book = xlsx::Workbook::OpenBuffer(std::string_view(package), options);
  if (!book.ok()) return 0;
  for (int s = 0; s < static_cast<int>((*book)->sheet_names().size()) && s < 4; ++s) {
    auto contents = (*book)->ReadAll(s);
    if (!contents.ok()) continue;
    for (const auto& row : contents->rows) {
      FUZZ_CHECK(row.index >= 1 && row.index <= options.max_rows);
      FUZZ_CHECK(row.cells.size() <= static_cast<size_t>(xlsx::kMaxColumns));
    }
    for (const auto& m : contents->merged) {
      FUZZ_CHECK(m.first_row <= m.last_row && m.first_col <= m.last_col);
      (void)xlsx::RangeName(m);
    }
    fuzz::ExerciseImportGrid(contents->rows, contents->merged);
  }
  return 0;
}
