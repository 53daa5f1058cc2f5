#include "domain/work_calendar.h"

#include <fmt/format.h>

#include <set>

#include "base/date.h"

namespace tuijin::domain {

WorkCalendar::WorkCalendar(const std::vector<CalendarDay>& days) {
  for (const CalendarDay& d : days) {
    if (auto day = ParseDay(d.day)) exceptions_[*day] = d.kind;
  }
}

bool WorkCalendar::IsWorkingDay(int64_t day) const {
  if (auto it = exceptions_.find(day); it != exceptions_.end()) return it->second == DayKind::kWorkday;
  // 1970-01-01 was a Thursday: day 0 → weekday 4 (Monday = 1 … Sunday = 7).
  const int64_t weekday = ((day % 7) + 7 + 3) % 7 + 1;
  return weekday <= 5;
}

int64_t WorkCalendar::AddWorkingDays(int64_t from, int n) const {
  int64_t day = from;
  for (int left = n; left > 0;) {
    ++day;
    if (IsWorkingDay(day)) --left;
  }
  return day;
}

int WorkCalendar::WorkingDaysBetween(int64_t from, int64_t to) const {
  int n = 0;
  for (int64_t day = from + 1; day <= to; ++day) {
    if (IsWorkingDay(day)) ++n;
  }
  return n;
}

std::optional<int64_t> ParseDay(std::string_view text) {
  auto d = ParseIsoDate(text);
  if (!d || d->day == 0) return std::nullopt;
  return DaysFromCivil(d->year, d->month, d->day);
}

std::string FormatDay(int64_t day) { return FormatDate(CivilFromDays(day)); }

Urgency UrgencyOn(const WorkCalendar& calendar, int64_t today, int64_t deadline, int due_soon_days) {
  if (today > deadline) return Urgency::kOverdue;
  if (today == deadline) return Urgency::kDueToday;
  if (calendar.WorkingDaysBetween(today, deadline) <= due_soon_days) return Urgency::kDueSoon;
  return Urgency::kNone;
}

std::map<std::string, std::string> ValidateCalendar(int year, const std::vector<CalendarDay>& days) {
  std::map<std::string, std::string> errors;
  std::set<int64_t> seen;
  for (size_t i = 0; i < days.size(); ++i) {
    const std::string key = fmt::format("items[{}]", i);
    auto day = ParseDay(days[i].day);
    if (!day) {
      errors[key + ".day"] = "应为 YYYY-MM-DD 日期:" + days[i].day;
      continue;
    }
    if (CivilFromDays(*day).year != year) {
      errors[key + ".day"] = fmt::format("{} 不在 {} 年", days[i].day, year);
      continue;
    }
    if (!seen.insert(*day).second) errors[key + ".day"] = days[i].day + " 重复";
    if (days[i].kind == DayKind::kHoliday && days[i].name.empty()) errors[key + ".name"] = "请填写节假日名称";
    if (days[i].name.size() > 60) errors[key + ".name"] = "名称过长";
  }
  return errors;
}

}  // namespace tuijin::domain
