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
int DaysInMonth(int year, int month);  // month 1–12

// Strict ISO: "YYYY-MM-DD" or "YYYY-MM". nullopt otherwise (also for 2026-02-30).
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// What people type in spreadsheets: 2023-03-15, 2023/3/15, 2023.3.15, 2023.3, 2023-3,
// 2023年3月, 2023年3月15日, 20230315, and Excel serial day numbers (e.g. "45000") when
// `allow_serial`, in the workbook's date system. Normalised to "YYYY-MM-DD" or "YYYY-MM".
std::optional<std::string> NormalizeDate(std::string_view text, bool allow_serial = true, bool date1904 = false);

std::string FormatDate(const CivilDate& d);  // "YYYY-MM-DD", or "YYYY-MM" when day == 0

// Days since 1970-01-01 for a full date, and back.
int64_t DaysFromCivil(int year, int month, int day);
CivilDate CivilFromDays(int64_t days);

// Excel's serial day numbers. The 1900 system (Windows; serial 1 = 1900-01-01) counts a
// 1900-02-29 that never was, so serials before 61 (1900-03-01) are not dates here; the
// 1904 system (older Mac files; workbookPr date1904) has serial 0 = 1904-01-01.
std::optional<CivilDate> CivilFromExcelSerial(int64_t serial, bool date1904);
int64_t ExcelSerialFromCivil(const CivilDate& date, bool date1904);

}  // namespace tuijin
