#include "xlsx/cell_ref.h"

namespace tuijin::xlsx {

std::optional<int> ColumnIndex(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  int n = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return std::nullopt;
    n = n * 26 + (c - 'A' + 1);
  }
  if (n > kMaxColumns) return std::nullopt;
  return n - 1;
}

char* PutColumnName(char* out, int index) {
  char letters[3];
  int n = 0;
  for (int c = index + 1; c > 0; c = (c - 1) / 26) letters[n++] = static_cast<char>('A' + (c - 1) % 26);
  while (n > 0) *out++ = letters[--n];
  return out;
}

std::string ColumnName(int index) {
  if (index < 0 || index >= kMaxColumns) return {};
  char buf[3];
  return std::string(buf, PutColumnName(buf, index));
}

}  // namespace tuijin::xlsx
