#include "base/date.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace tuijin {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Splits into runs of ASCII digits; returns false when anything but digits and the allowed
// separators appears.
bool DigitRuns(std::string_view s, std::vector<std::string_view>& runs, std::vector<std::string>& seps) {
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i) return false;
    runs.push_back(s.substr(i, j - i));
    size_t k = j;
    while (k < s.size() && !(s[k] >= '0' && s[k] <= '9')) ++k;
    seps.emplace_back(s.substr(j, k - j));
    i = k;
  }
  return !runs.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool IsValidDay(int year, int month, int day) {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int64_t DaysFromCivil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::string FormatDate(const CivilDate& d) {
  return d.day ? fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day) : fmt::format("{:04}-{:02}", d.year, d.month);
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() != 7 && s.size() != 10) return std::nullopt;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9')) return std::nullopt;
  }
  CivilDate d{ToInt(s.substr(0, 4)), ToInt(s.substr(5, 2)), s.size() == 10 ? ToInt(s.substr(8, 2)) : 0};
  if (d.day ? !IsValidDay(d.year, d.month, d.day) : !IsValidDay(d.year, d.month, 1)) return std::nullopt;
  return d;
}

std::optional<std::string> NormalizeDate(std::string_view s, bool allow_serial) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  std::vector<std::string_view> runs;
  std::vector<std::string> seps;
  if (!DigitRuns(s, runs, seps)) return std::nullopt;

  // A bare number: 20230315, or an Excel serial day (possibly with a time fraction).
  if (runs.size() == 1 || (runs.size() == 2 && seps[0] == ".")) {
    if (runs.size() == 1 && runs[0].size() == 8 && seps[0].empty()) {
      CivilDate d{ToInt(runs[0].substr(0, 4)), ToInt(runs[0].substr(4, 2)), ToInt(runs[0].substr(6, 2))};
      if (IsValidDay(d.year, d.month, d.day)) return FormatDate(d);
      return std::nullopt;
    }
    if (runs.size() == 2 && runs[0].size() == 4) {
      // "2023.3" is a month, not serial day 2023 and a time: prefer it.
      CivilDate d{ToInt(runs[0]), ToInt(runs[1]), 0};
      if (seps[1].empty() && runs[1].size() <= 2 && IsValidDay(d.year, d.month, 1)) return FormatDate(d);
    }
    if (allow_serial && runs[0].size() <= 6 && (runs.size() == 1 ? seps[0].empty() : seps[1].empty())) {
      const int serial = ToInt(runs[0]);
      // 1900 date system: serial 1 = 1900-01-01, and Excel's phantom 1900-02-29 is serial 60.
      if (serial >= 61 && serial < 150000) {
        const CivilDate d = CivilFromDays(DaysFromCivil(1899, 12, 30) + serial);
        return FormatDate(d);
      }
    }
    return std::nullopt;
  }
  if (runs[0].size() != 4 || runs.size() > 3) return std::nullopt;
  const std::string& sep = seps[0];
  const bool chinese = sep == "年";
  if (!chinese && sep != "-" && sep != "/" && sep != ".") return std::nullopt;
  if (runs[1].size() > 2 || (runs.size() == 3 && runs[2].size() > 2)) return std::nullopt;
  CivilDate d{ToInt(runs[0]), ToInt(runs[1]), runs.size() == 3 ? ToInt(runs[2]) : 0};
  if (chinese) {
    if (seps[1] != "月" && !(runs.size() == 2 && seps[1] == "月份")) return std::nullopt;
    if (runs.size() == 3 && seps[2] != "日" && seps[2] != "号") return std::nullopt;
  } else {
    if (runs.size() == 3 && seps[1] != sep) return std::nullopt;
    if (!seps.back().empty()) return std::nullopt;
  }
  if (d.day ? !IsValidDay(d.year, d.month, d.day) : !IsValidDay(d.year, d.month, 1)) return std::nullopt;
  return FormatDate(d);
}

}  // namespace tuijin
