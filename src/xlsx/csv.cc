#include "xlsx/csv.h"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

namespace tuijin::xlsx {
namespace {

Status TooLarge(uint64_t limit) {
  return Status::TooLarge("csv.too_large", fmt::format("CSV 文件过大(上限 {} MB)", limit >> 20));
}

// The record (not line) that byte `offset` lies in, following the same quoting rules as
// ParseCsv. Run on raw bytes, this is right for GB18030 too: its multi-byte sequences never
// contain a quote, CR or LF (all below 0x30).
int RecordAt(std::string_view data, size_t offset, char delim) {
  int record = 1;
  bool quoted = false;
  bool field_start = true;
  for (size_t i = 0; i < offset && i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"')
          ++i;
        else
          quoted = false;
      }
    } else if (c == '"' && field_start) {
      quoted = true;
      field_start = false;
    } else if (c == delim) {
      field_start = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      if (i < offset) ++record;
      field_start = true;
    } else {
      field_start = false;
    }
  }
  return record;
}

// Whole-input GB18030 → UTF-8 with glibc iconv. On an invalid or truncated sequence,
// returns the byte offset of it in `bad_offset`.
std::optional<std::string> Gb18030ToUtf8(std::string_view in, size_t* bad_offset) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    *bad_offset = 0;
    return std::nullopt;
  }
  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t done = 0;
  std::optional<std::string> result;
  for (;;) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) {
      out.resize(done);
      result = std::move(out);
      break;
    }
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    *bad_offset = in.size() - src_left;  // EILSEQ or EINVAL (cut short at the end)
    break;
  }
  iconv_close(cd);
  return result;
}

}  // namespace

bool IsValidUtf8(std::string_view data) {
  const auto* s = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t block;
      std::memcpy(&block, s + i, 8);
      if ((block & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;  // continuation byte as a lead, overlong 0xC0/0xC1, or 0xF5+
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

StatusOr<std::vector<Row>> ParseCsv(std::string_view data, const CsvOptions& options) {
  if (data.size() > options.max_bytes) return TooLarge(options.max_bytes);
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);

  std::string converted;
  if (!IsValidUtf8(data)) {
    size_t bad = 0;
    auto utf8 = Gb18030ToUtf8(data, &bad);
    if (!utf8) {
      return Status::InvalidArgument(
          "csv.bad_encoding",
          fmt::format(
              "第 {} 行含有无法识别的字符:文件既不是 UTF-8 也不是 GBK 编码,请在 Excel 中另存为“CSV UTF-8”后再试",
              RecordAt(data, bad, options.delimiter)));
    }
    converted = std::move(*utf8);
    data = converted;
  }

  std::vector<Row> rows;
  const char delim = options.delimiter;
  const size_t n = data.size();
  size_t i = 0;
  int record = 1;
  Row row;
  bool any_value = false;
  std::string field;

  auto end_field = [&]() -> Status {
    if (row.cells.size() >= static_cast<size_t>(kMaxColumns)) {
      return Status::TooLarge("csv.too_many_columns", fmt::format("第 {} 行的列数超过上限 {} 列", record, kMaxColumns));
    }
    any_value = any_value || !field.empty();
    row.cells.push_back(Cell{CellType::kString, std::move(field), false});
    field.clear();
    return Status::Ok();
  };
  auto end_record = [&]() {
    if (any_value) {
      row.index = record;
      rows.push_back(std::move(row));
    }
    row = Row();
    any_value = false;
    ++record;
  };

  while (i < n) {
    if (data[i] == '"') {
      const int quote_record = record;
      ++i;
      for (;;) {
        size_t q = data.find('"', i);
        if (q == std::string_view::npos) {
          return Status::InvalidArgument("csv.unterminated_quote",
                                         fmt::format("第 {} 行的引号没有闭合,文件可能不完整", quote_record));
        }
        field.append(data.substr(i, q - i));
        i = q + 1;
        if (i < n && data[i] == '"') {  // "" is an escaped quote
          field.push_back('"');
          ++i;
          continue;
        }
        break;
      }
    }
    // An unquoted field, or what follows a closing quote (kept, as Excel does).
    size_t j = i;
    while (j < n && data[j] != delim && data[j] != '\n' && data[j] != '\r') ++j;
    field.append(data.substr(i, j - i));
    i = j;
    RETURN_IF_ERROR(end_field());
    if (i >= n) break;
    if (data[i] == delim) {
      ++i;
      if (i >= n) RETURN_IF_ERROR(end_field());  // "a,b," ends in an empty field
      continue;
    }
    i += (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n') ? 2 : 1;
    end_record();
  }
  if (!row.cells.empty()) end_record();
  return rows;
}

StatusOr<std::vector<Row>> ReadCsvFile(const std::string& path, const CsvOptions& options) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    return Status::InvalidArgument("csv.open_failed", fmt::format("无法打开文件 {}:{}", path, ec.message()));
  }
  if (size > options.max_bytes) return TooLarge(options.max_bytes);
  std::ifstream in(path, std::ios::binary);
  std::string data(size, '\0');
  if (!in || !in.read(data.data(), static_cast<std::streamsize>(size))) {
    return Status::InvalidArgument("csv.open_failed", fmt::format("无法读取文件 {}", path));
  }
  return ParseCsv(data, options);
}

}  // namespace tuijin::xlsx
