// Calendar dates as ISO text: a day "2026-03-15" or, where only the month is known (ledgers
// often say "2026年3月"), a month "2026-03". Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tuijin {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1–12
  int day = 0;    // 0 when only the month is known
};

bool IsValidDay(int year, int month, int day);

// Strict ISO: "YYYY-MM-DD" or "YYYY-MM". nullopt otherwise (also for 2026-02-30).
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// What people type in spreadsheets: 2023-03-15, 2023/3/15, 2023.3.15, 2023.3, 2023-3,
// 2023年3月, 2023年3月15日, 20230315, and Excel serial day numbers (e.g. "45000",
// 1900 date system) when `allow_serial`. Normalised to "YYYY-MM-DD" or "YYYY-MM".
std::optional<std::string> NormalizeDate(std::string_view text, bool allow_serial = true);

std::string FormatDate(const CivilDate& d);  // "YYYY-MM-DD", or "YYYY-MM" when day == 0

// Days since 1970-01-01 for a full date, and back.
int64_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(int64_t days);

}  // namespace tuijin
