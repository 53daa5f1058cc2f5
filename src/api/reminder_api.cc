// The working-day calendar (工作日历), the reminder settings, and the daily reminder run: one
// digest per user and day of the open items overdue, due today or due soon (in-app, by mail
// when SMTP is on), and one summary to the group robot. The server runs it once a day at the
// configured hour (reminder_scheduler.cc); admins may run it for a day by hand.

#include <fmt/format.h>

#include "api/handlers.h"
#include "api/json.h"
#include "api/reminders.h"
#include "base/time.h"
#include "domain/reminders.h"

namespace tuijin::api {
namespace {

constexpr size_t kDigestLines = 20;

json::object CalendarDayJson(const domain::CalendarDay& d) {
  return json::object{{"day", d.day},
                      {"kind", d.kind == domain::DayKind::kWorkday ? "workday" : "holiday"},
                      {"name", d.name}};
}

json::object SettingsJson(const store::SupervisionSettings& s) {
  return json::object{{"reminder_hour", s.reminder_hour},
                      {"due_soon_days", s.due_soon_days},
                      {"version", s.version},
                      {"updated_at", s.updated_at}};
}

}  // namespace

StatusOr<ReminderRun> RunReminders(Services& svc, const std::string& day, bool dry_run) {
  const auto today = domain::ParseDay(day);
  if (!today) return Status::Invalid({{"date", "应为 YYYY-MM-DD"}});
  ASSIGN_OR_RETURN(auto days, svc.calendar.Days(std::nullopt));
  const domain::WorkCalendar calendar(days);
  ASSIGN_OR_RETURN(auto settings, svc.calendar.Settings());
  const int due_soon = static_cast<int>(settings.due_soon_days);
  ASSIGN_OR_RETURN(auto open, svc.supervision.OpenItems());
  ASSIGN_OR_RETURN(auto audience, svc.reminders.LoadAudience());
  std::vector<domain::ReminderItem> items;
  items.reserve(open.size());
  for (const auto& o : open) {
    domain::ReminderItem r;
    r.id = o.id;
    r.label = o.number ? fmt::format("〔{}〕{}", *o.number, o.title) : o.title;
    r.issued_on = domain::ParseDay(o.issued_on).value_or(*today);
    r.deadline = domain::ParseDay(o.deadline).value_or(*today);
    r.lead_unit = o.lead_unit_id;
    r.co_units = o.co_unit_ids;
    r.issuer = o.created_by;
    items.push_back(std::move(r));
  }
  std::map<int64_t, const domain::ReminderItem*> by_id;
  for (const auto& r : items) by_id[r.id] = &r;
  const auto digests = domain::BuildDigests(items, calendar, *today, due_soon, audience.unit_users);
  ReminderRun run;
  run.day = day;
  run.open_items = static_cast<int64_t>(open.size());
  std::vector<store::DigestRecord> records;
  records.reserve(digests.size());
  int64_t overdue = 0, due_today = 0, soon = 0;
  for (const auto& r : items) {
    if (r.issued_on > *today) continue;
    switch (domain::UrgencyOn(calendar, *today, r.deadline, due_soon)) {
      case domain::Urgency::kOverdue: ++overdue; break;
      case domain::Urgency::kDueToday: ++due_today; break;
      case domain::Urgency::kDueSoon: ++soon; break;
      case domain::Urgency::kNone: break;
    }
  }
  for (const auto& d : digests) {
    auto user = audience.users.find(d.user_id);
    if (user == audience.users.end()) continue;  // disabled
    store::DigestRecord rec;
    rec.user_id = d.user_id;
    rec.title = domain::DigestTitle(d, due_soon);
    rec.body = domain::DigestBody(d, by_id, *today, kDigestLines);
    rec.overdue = d.overdue;
    rec.due_today = d.due_today;
    rec.due_soon = d.due_soon;
    run.digests.push_back({d.user_id, user->second.username, user->second.display_name, d.overdue, d.due_today,
                           d.due_soon});
    records.push_back(std::move(rec));
  }
  if (dry_run) return run;
  std::string title, text;
  if (overdue + due_today + soon > 0) {
    title = fmt::format("督办提醒 {}", day);
    text = fmt::format("### 督办提醒({})\n> 逾期:{}项\n> 今日到期:{}项\n> {}个工作日内到期:{}项\n请各责任单位抓紧办理。", day,
                       overdue, due_today, due_soon, soon);
  }
  ASSIGN_OR_RETURN(auto recorded, svc.reminders.Record(day, run.open_items, records, title, text));
  run.sent = recorded.written;
  return run;
}

StatusOr<http::Response> GetWorkCalendar(Context& ctx) {
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  if (!year) year = ToChinaTime(NowUnix()).year;
  if (*year < 2000 || *year > 2100) return Status::Invalid({{"year", "年份应在 2000–2100"}});
  ASSIGN_OR_RETURN(auto days, ctx.svc.calendar.Days(static_cast<int>(*year)));
  json::array items;
  for (const auto& d : days) items.push_back(CalendarDayJson(d));
  return JsonResponse(json::object{{"year", *year}, {"items", std::move(items)}});
}

StatusOr<http::Response> PutWorkCalendar(Context& ctx) {
  const auto year_text = ctx.req.Param("year");
  int year = 0;
  try {
    year = std::stoi(std::string(year_text));
  } catch (...) {
    return Status::Invalid({{"year", "年份无效"}});
  }
  if (year < 2000 || year > 2100) return Status::Invalid({{"year", "年份应在 2000–2100"}});
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  const json::value* raw = body.if_contains("items");
  if (!raw || !raw->is_array()) return Status::Invalid({{"items", "应为数组"}});
  if (raw->as_array().size() > 366) return Status::Invalid({{"items", "一年最多 366 天"}});
  std::vector<domain::CalendarDay> days;
  std::map<std::string, std::string> errors;
  size_t i = 0;
  for (const json::value& v : raw->as_array()) {
    const std::string key = fmt::format("items[{}]", i++);
    if (!v.is_object()) {
      errors[key] = "应为对象";
      continue;
    }
    FieldReader in(v.as_object());
    domain::CalendarDay d;
    d.day = in.RequiredString("day", 10);
    const std::string kind = in.RequiredString("kind", 10);
    d.name = in.OptionalString("name", 60).value_or("");
    if (kind == "workday") d.kind = domain::DayKind::kWorkday;
    else if (kind == "holiday") d.kind = domain::DayKind::kHoliday;
    else if (!kind.empty()) in.Fail("kind", "应为 holiday(放假)或 workday(调休上班)");
    const Status st = in.status();
    for (const auto& [field, message] : st.fields()) errors[key + "." + field] = message;
    days.push_back(d);
  }
  for (const auto& [field, message] : domain::ValidateCalendar(year, days)) errors.emplace(field, message);
  if (!errors.empty()) return Status::Invalid(errors);
  RETURN_IF_ERROR(ctx.svc.calendar.ReplaceYear(year, days, ctx.me().user.id));
  ASSIGN_OR_RETURN(auto stored, ctx.svc.calendar.Days(year));
  json::array items;
  for (const auto& d : stored) items.push_back(CalendarDayJson(d));
  return JsonResponse(json::object{{"year", year}, {"items", std::move(items)}});
}

StatusOr<http::Response> AddWorkingDays(Context& ctx) {
  const std::string from(ctx.req.Query("from").value_or(Today()));
  const auto start = domain::ParseDay(from);
  if (!start) return Status::Invalid({{"from", "应为 YYYY-MM-DD"}});
  ASSIGN_OR_RETURN(auto n, QueryInt(ctx.req, "days"));
  if (!n || *n < 1 || *n > 365) return Status::Invalid({{"days", "工作日天数应在 1–365"}});
  ASSIGN_OR_RETURN(auto days, ctx.svc.calendar.Days(std::nullopt));
  const domain::WorkCalendar calendar(days);
  return JsonResponse(json::object{
      {"from", from}, {"days", *n}, {"date", domain::FormatDay(calendar.AddWorkingDays(*start, static_cast<int>(*n)))}});
}

StatusOr<http::Response> GetSupervisionSettings(Context& ctx) {
  ASSIGN_OR_RETURN(auto s, ctx.svc.calendar.Settings());
  return JsonResponse(SettingsJson(s));
}

StatusOr<http::Response> PutSupervisionSettings(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  store::SupervisionSettings s;
  s.reminder_hour = in.Int("reminder_hour", 9, 0, 23);
  s.due_soon_days = in.Int("due_soon_days", 3, 0, 30);
  const auto version = in.OptionalInt("version", 1);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto saved, ctx.svc.calendar.PutSettings(s, version, ctx.me().user.id));
  return JsonResponse(SettingsJson(saved));
}

// {date?: YYYY-MM-DD (default today), dry_run?: bool}
StatusOr<http::Response> RunSupervisionReminders(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string day = in.OptionalString("date", 10).value_or(Today());
  const bool dry_run = in.Bool("dry_run", false);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(ReminderRun run, RunReminders(ctx.svc, day, dry_run));
  json::array digests;
  for (const auto& d : run.digests) {
    digests.push_back(json::object{{"user_id", d.user_id},
                                   {"username", d.username},
                                   {"display_name", d.display_name},
                                   {"overdue", d.overdue},
                                   {"due_today", d.due_today},
                                   {"due_soon", d.due_soon}});
  }
  return JsonResponse(json::object{{"day", run.day},
                                   {"open_items", run.open_items},
                                   {"dry_run", dry_run},
                                   {"digests", std::move(digests)},
                                   {"sent", run.sent}});
}

}  // namespace tuijin::api
