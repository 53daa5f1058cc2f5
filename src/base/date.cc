#include "base/date.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "base/text.h"

namespace tuijin {
namespace {

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

// A run DigitRuns found: digits only.
int ToInt(std::string_view digits) { return static_cast<int>(ParseDigits(digits).value_or(0)); }

}  // namespace

int DaysInMonth(int year, int month) {
  using namespace std::chrono;
  return static_cast<int>(static_cast<unsigned>(
      year_month_day_last{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} / last}.day()));
}

bool IsValidDay(int year, int month, int day) {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

int64_t DaysFromCivil(int y, int m, int d) {
  using namespace std::chrono;
  const sys_days days{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                      std::chrono::day{static_cast<unsigned>(d)}};
  return days.time_since_epoch().count();
}

CivilDate CivilFromDays(int64_t z) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{days{z}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<CivilDate> CivilFromExcelSerial(int64_t serial, bool date1904) {
  if (date1904) {
    if (serial < 0) return std::nullopt;
    return CivilFromDays(DaysFromCivil(1904, 1, 1) + serial);
  }
  if (serial < 61) return std::nullopt;
  return CivilFromDays(DaysFromCivil(1899, 12, 30) + serial);
}

int64_t ExcelSerialFromCivil(const CivilDate& d, bool date1904) {
  const int64_t days = DaysFromCivil(d.year, d.month, d.day);
  if (date1904) return days - DaysFromCivil(1904, 1, 1);
  const int64_t serial = days - DaysFromCivil(1899, 12, 30);
  return serial < 61 ? serial - 1 : serial;  // before the phantom 1900-02-29
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

std::optional<std::string> NormalizeDate(std::string_view s, bool allow_serial, bool date1904) {
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
      if (serial < 150000) {
        if (auto d = CivilFromExcelSerial(serial, date1904); d && IsValidDay(d->year, d->month, d->day)) {
          return FormatDate(*d);
        }
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
