#include "domain/reminders.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tuijin::domain {
namespace {

int Rank(Urgency u) {
  switch (u) {
    case Urgency::kOverdue:
      return 0;
    case Urgency::kDueToday:
      return 1;
    case Urgency::kDueSoon:
      return 2;
    case Urgency::kNone:
      break;
  }
  return 3;
}

}  // namespace

std::vector<Digest> BuildDigests(const std::vector<ReminderItem>& items, const WorkCalendar& calendar, int64_t today,
                                 int due_soon_days, const std::map<int64_t, std::vector<int64_t>>& unit_users) {
  std::map<int64_t, Digest> by_user;
  std::map<int64_t, int64_t> deadlines;
  for (const ReminderItem& item : items) {
    if (item.issued_on > today) continue;
    const Urgency u = UrgencyOn(calendar, today, item.deadline, due_soon_days);
    if (u == Urgency::kNone) continue;
    deadlines[item.id] = item.deadline;
    std::set<int64_t> users;
    auto add_unit = [&](int64_t unit) {
      if (auto it = unit_users.find(unit); it != unit_users.end()) users.insert(it->second.begin(), it->second.end());
    };
    add_unit(item.lead_unit);
    for (int64_t c : item.co_units) add_unit(c);
    if (u == Urgency::kOverdue && item.issuer) users.insert(*item.issuer);
    for (int64_t user : users) {
      Digest& d = by_user[user];
      d.user_id = user;
      d.lines.push_back({item.id, u});
      if (u == Urgency::kOverdue) ++d.overdue;
      if (u == Urgency::kDueToday) ++d.due_today;
      if (u == Urgency::kDueSoon) ++d.due_soon;
    }
  }
  std::vector<Digest> out;
  out.reserve(by_user.size());
  for (auto& [user, d] : by_user) {
    std::stable_sort(d.lines.begin(), d.lines.end(), [&](const DigestLine& a, const DigestLine& b) {
      if (Rank(a.urgency) != Rank(b.urgency)) return Rank(a.urgency) < Rank(b.urgency);
      if (deadlines[a.item_id] != deadlines[b.item_id]) return deadlines[a.item_id] < deadlines[b.item_id];
      return a.item_id < b.item_id;
    });
    out.push_back(std::move(d));
  }
  return out;
}

std::string DigestTitle(const Digest& d, int due_soon_days) {
  std::vector<std::string> parts;
  if (d.overdue) parts.push_back(fmt::format("逾期{}项", d.overdue));
  if (d.due_today) parts.push_back(fmt::format("今日到期{}项", d.due_today));
  if (d.due_soon) parts.push_back(fmt::format("{}个工作日内到期{}项", due_soon_days, d.due_soon));
  std::string out = "督办提醒:";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "、" : "") + parts[i];
  return out;
}

std::string DigestBody(const Digest& d, const std::map<int64_t, const ReminderItem*>& items, int64_t today,
                       size_t max_lines) {
  std::string out;
  size_t n = 0;
  for (const DigestLine& line : d.lines) {
    if (n == max_lines) break;
    auto it = items.find(line.item_id);
    if (it == items.end()) continue;
    const ReminderItem& item = *it->second;
    std::string tag;
    if (line.urgency == Urgency::kOverdue) tag = fmt::format("【逾期{}天】", today - item.deadline);
    if (line.urgency == Urgency::kDueToday) tag = "【今日到期】";
    if (line.urgency == Urgency::kDueSoon) tag = "【即将到期】";
    out += fmt::format("{}{} 时限{}\n", tag, item.label, FormatDay(item.deadline));
    ++n;
  }
  if (d.lines.size() > n) out += fmt::format("…等{}项", d.lines.size());
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace tuijin::domain
