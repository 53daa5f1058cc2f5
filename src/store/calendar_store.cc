#include "store/calendar_store.h"

#include <fmt/format.h>

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

SupervisionSettings LoadSettings(soci::session& sql) {
  SupervisionSettings s;
  sql << "SELECT reminder_hour, due_soon_days, version, updated_at FROM supervision_settings WHERE id = 1",
      soci::into(s.reminder_hour), soci::into(s.due_soon_days), soci::into(s.version), soci::into(s.updated_at);
  return s;
}

}  // namespace

StatusOr<std::vector<domain::CalendarDay>> CalendarStore::Days(std::optional<int> year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<domain::CalendarDay>> {
    db::Query q("SELECT day, kind, name FROM work_calendar");
    if (year) {
      q.Where("day >= " + q.Bind(fmt::format("{:04d}-01-01", *year)))
          .Where("day <= " + q.Bind(fmt::format("{:04d}-12-31", *year)));
    }
    q.Append(" ORDER BY day");
    std::string day, kind, name;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(day));
      s.exchange(soci::into(kind));
      s.exchange(soci::into(name));
    });
    st.execute();
    std::vector<domain::CalendarDay> out;
    while (st.fetch()) {
      out.push_back({day, kind == "workday" ? domain::DayKind::kWorkday : domain::DayKind::kHoliday, name});
    }
    return out;
  });
}

Status CalendarStore::ReplaceYear(int year, const std::vector<domain::CalendarDay>& days, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    const std::string from = fmt::format("{:04d}-01-01", year), to = fmt::format("{:04d}-12-31", year);
    sql << "DELETE FROM work_calendar WHERE day >= :f AND day <= :t", soci::use(from), soci::use(to);
    const std::string now = NowTimestamp();
    for (const auto& d : days) {
      const std::string kind = d.kind == domain::DayKind::kWorkday ? "workday" : "holiday";
      sql << "INSERT INTO work_calendar (day, kind, name, updated_at, updated_by) VALUES (:d, :k, :n, :t, :u)",
          soci::use(d.day), soci::use(kind), soci::use(d.name), soci::use(now), soci::use(user_id);
    }
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<SupervisionSettings> CalendarStore::Settings() {
  return db_.Run([&](soci::session& sql) -> StatusOr<SupervisionSettings> { return LoadSettings(sql); });
}

StatusOr<SupervisionSettings> CalendarStore::PutSettings(const SupervisionSettings& s, std::optional<int64_t> version,
                                                         int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<SupervisionSettings> {
    db::Transaction tx(sql, db_.dialect());
    const SupervisionSettings current = LoadSettings(sql);
    if (version && *version != current.version) {
      return Status::Conflict("supervision_settings.version", "提醒设置已被他人修改,请刷新后再试");
    }
    const std::string now = NowTimestamp();
    sql << "UPDATE supervision_settings SET reminder_hour = :h, due_soon_days = :d, version = version + 1, "
           "updated_at = :t, updated_by = :u WHERE id = 1",
        soci::use(s.reminder_hour), soci::use(s.due_soon_days), soci::use(now), soci::use(user_id);
    tx.Commit();
    return LoadSettings(sql);
  });
}

}  // namespace tuijin::store
