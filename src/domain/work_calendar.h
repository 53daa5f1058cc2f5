// The working-day calendar (工作日历): Monday–Friday are working days except public holidays;
// some weekends are working days (调休上班). The days that differ from the week are data,
// edited by admins each year from the State Council's notice. Pure: dates are days since
// 1970-01-01 (DaysFromCivil), in +08:00.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tuijin::domain {

enum class DayKind { kHoliday, kWorkday };

struct CalendarDay {
  std::string day;  // YYYY-MM-DD
  DayKind kind = DayKind::kHoliday;
  std::string name;  // 国庆节, 国庆节调休上班
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(const std::vector<CalendarDay>& days);

  bool IsWorkingDay(int64_t day) const;
  // The `n`th working day after `from` (n ≥ 1); `from` itself never counts.
  int64_t AddWorkingDays(int64_t from, int n) const;
  // Working days in (from, to]: 0 when to ≤ from.
  int WorkingDaysBetween(int64_t from, int64_t to) const;

 private:
  std::map<int64_t, DayKind> exceptions_;
};

// "2026-10-10" → days; nullopt unless a valid YYYY-MM-DD.
std::optional<int64_t> ParseDay(std::string_view text);
std::string FormatDay(int64_t day);

// Reminders: where an open item stands on `today` against its deadline.
enum class Urgency { kNone, kDueSoon, kDueToday, kOverdue };
// Overdue once the deadline day has passed; due today on it; due soon when at most
// `due_soon_days` working days are left (the deadline counted, today not).
Urgency UrgencyOn(const WorkCalendar& calendar, int64_t today, int64_t deadline, int due_soon_days);

// Checks a year's calendar as an admin sends it: every day valid and in `year`, no day twice,
// holidays named. Errors by row ("items[3].day" → message).
std::map<std::string, std::string> ValidateCalendar(int year, const std::vector<CalendarDay>& days);

}  // namespace tuijin::domain
