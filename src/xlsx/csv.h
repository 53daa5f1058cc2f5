// CSV (RFC 4180) into the same Row type as the .xlsx reader, so an importer handles both
// the same way. Chinese Excel and WPS save "CSV" in GBK unless asked for UTF-8, so the
// encoding is detected: input that is valid UTF-8 (with or without a BOM) is UTF-8,
// anything else is decoded as GB18030 (a superset of GBK and GB2312).
//
// Errors (Status, Chinese message, stable code):
//   csv.too_large          input over CsvOptions::max_bytes
//   csv.open_failed        the file could not be read
//   csv.bad_encoding       neither UTF-8 nor GB18030; the message names the row
//   csv.unterminated_quote a quoted field runs to the end of the input (names its row)
//   csv.too_many_columns   a row has more than 16384 fields
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "xlsx/reader.h"

namespace tuijin::xlsx {

struct CsvOptions {
  uint64_t max_bytes = 64ull << 20;
  char delimiter = ',';
};

// Parses CSV text. Every field becomes a kString cell with its text as written (quotes
// removed, "" unescaped, embedded newlines kept, converted to UTF-8; no trimming).
// Row::index is the 1-based record number, as Excel numbers the rows when it opens the
// file; a record whose fields are all empty (a blank line, ",,,") is not returned, the
// same as the .xlsx reader skips rows without values. Quotes are read leniently, the way
// Excel does: a quote inside an unquoted field is literal, and text after a closing quote
// is appended. Records may end in CRLF, LF or CR.
StatusOr<std::vector<Row>> ParseCsv(std::string_view data, const CsvOptions& options = {});

// Reads and parses a file, checking its size before reading it.
StatusOr<std::vector<Row>> ReadCsvFile(const std::string& path, const CsvOptions& options = {});

// True when `data` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF).
bool IsValidUtf8(std::string_view data);

}  // namespace tuijin::xlsx
