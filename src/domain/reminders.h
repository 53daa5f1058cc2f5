// The daily supervision reminders (督办提醒): for every user, one digest a day of the open
// items that are overdue, due today or due soon, never an empty one. The lead and co-units'
// users hear of all three; the issuer hears of the overdue ones. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/work_calendar.h"

namespace tuijin::domain {

struct ReminderItem {
  int64_t id = 0;
  std::string label;  // 〔2026-017〕title
  int64_t issued_on = 0;  // an item issued after the day is not reminded of on it
  int64_t deadline = 0;
  int64_t lead_unit = 0;
  std::vector<int64_t> co_units;
  std::optional<int64_t> issuer;  // the user who issued it
};

struct DigestLine {
  int64_t item_id = 0;
  Urgency urgency = Urgency::kNone;
};

struct Digest {
  int64_t user_id = 0;
  std::vector<DigestLine> lines;  // overdue first, then due today, then due soon; by deadline
  int64_t overdue = 0, due_today = 0, due_soon = 0;
};

// Digests for `today` (days since the epoch); `unit_users` lists each unit's users. Users with
// nothing to hear of get no digest.
std::vector<Digest> BuildDigests(const std::vector<ReminderItem>& items, const WorkCalendar& calendar, int64_t today,
                                 int due_soon_days, const std::map<int64_t, std::vector<int64_t>>& unit_users);

// "督办提醒:逾期2项、今日到期1项、3个工作日内到期4项"
std::string DigestTitle(const Digest& d, int due_soon_days);
// One line per item ("【逾期3天】〔2026-017〕… 时限2026-10-10"), the first `max_lines`, then "…等N项".
std::string DigestBody(const Digest& d, const std::map<int64_t, const ReminderItem*>& items, int64_t today,
                       size_t max_lines);

}  // namespace tuijin::domain
