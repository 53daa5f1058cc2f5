#include "store/warning_store.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "base/text.h"
#include "base/time.h"
#include "db/query.h"
#include "store/notification_store.h"
#include "store/project_store.h"

namespace tuijin::store {
namespace {

constexpr const char* kSelect =
    "SELECT w.id, w.project_id, p.code, p.name, p.lead_unit_id, u.name, w.metric, w.rule_id, w.colour, w.reason, "
    "w.since_period, w.last_period, w.opened_at, w.red_at, w.closed_at, w.acknowledged_at, a.display_name, "
    "w.ack_note FROM warnings w JOIN projects p ON p.id = w.project_id LEFT JOIN units u ON u.id = p.lead_unit_id "
    "LEFT JOIN users a ON a.id = w.acknowledged_by";

void IntoWarning(soci::statement& s, Warning& w) {
  s.exchange(soci::into(w.id));
  s.exchange(soci::into(w.project_id));
  s.exchange(soci::into(w.project_code));
  s.exchange(soci::into(w.project_name));
  s.exchange(soci::into(w.lead_unit_id));
  s.exchange(soci::into(w.lead_unit_name));
  s.exchange(soci::into(w.metric));
  s.exchange(soci::into(w.rule_id));
  s.exchange(soci::into(w.colour));
  s.exchange(soci::into(w.reason));
  s.exchange(soci::into(w.since_period));
  s.exchange(soci::into(w.last_period));
  s.exchange(soci::into(w.opened_at));
  s.exchange(soci::into(w.red_at));
  s.exchange(soci::into(w.closed_at));
  s.exchange(soci::into(w.acknowledged_at));
  s.exchange(soci::into(w.acknowledged_by_name));
  s.exchange(soci::into(w.ack_note));
}

std::optional<Warning> Load(soci::session& sql, int64_t id) {
  db::Query q(kSelect);
  q.Where("w.id = " + q.Bind(id));
  Warning w;
  auto rows = q.FetchAll(sql, w, [&](soci::statement& s) { IntoWarning(s, w); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

// One message per lead unit naming its projects that turned red (the first few by name).
void NotifyNewReds(soci::session& sql, const std::vector<const SeenWarning*>& reds) {
  std::map<int64_t, std::vector<const SeenWarning*>> by_unit;
  for (const SeenWarning* w : reds) {
    if (w->lead_unit_id) by_unit[*w->lead_unit_id].push_back(w);
  }
  constexpr size_t kNamed = 5;
  for (const auto& [unit_id, list] : by_unit) {
    NewNotification n;
    n.kind = "warning_red";
    n.title = list.size() == 1 ? fmt::format("项目亮红灯:{}", list.front()->project_name)
                               : fmt::format("新增 {} 项红色预警", list.size());
    std::string body;
    for (size_t i = 0; i < list.size() && i < kNamed; ++i) {
      body += fmt::format("{}{}:{}", body.empty() ? "" : ";", list[i]->project_name, list[i]->result.reason);
    }
    if (list.size() > kNamed) body += fmt::format(" 等 {} 项", list.size());
    n.body = body + "。请尽快整改并在进度填报中说明。";
    n.link = "/warnings";
    InsertForUnitUsers(sql, {unit_id}, n, std::nullopt);
  }
}

}  // namespace

StatusOr<SyncResult> WarningStore::Sync(const std::string& period, const std::vector<SeenWarning>& seen) {
  return db_.Run([&](soci::session& sql) -> StatusOr<SyncResult> {
    db::Transaction tx(sql, db_.dialect());
    struct Open {
      int64_t id = 0, project_id = 0;
      std::string metric, colour, reason, last_period;
      std::optional<int64_t> rule_id;
    } row;
    db::Query q("SELECT id, project_id, metric, colour, reason, last_period, rule_id FROM warnings");
    q.Where("closed_at IS NULL");
    std::map<std::pair<int64_t, std::string>, Open> open;
    for (auto& o : q.FetchAll(sql, row, [&](soci::statement& s) {
           s.exchange(soci::into(row.id));
           s.exchange(soci::into(row.project_id));
           s.exchange(soci::into(row.metric));
           s.exchange(soci::into(row.colour));
           s.exchange(soci::into(row.reason));
           s.exchange(soci::into(row.last_period));
           s.exchange(soci::into(row.rule_id));
         })) {
      open.emplace(std::make_pair(o.project_id, o.metric), std::move(o));
    }
    const std::string now = NowTimestamp();
    SyncResult result;
    std::vector<const SeenWarning*> new_reds;
    std::set<std::pair<int64_t, std::string>> still_seen;
    for (const SeenWarning& w : seen) {
      const std::string metric(domain::MetricName(w.result.metric));
      const std::string colour(domain::ColourName(w.result.colour));
      const std::optional<int64_t> rule_id = w.result.rule_id ? std::optional<int64_t>(w.result.rule_id) : std::nullopt;
      const bool red = w.result.colour == domain::Colour::kRed;
      auto key = std::make_pair(w.project_id, metric);
      if (!still_seen.insert(key).second) continue;  // one warning per project and metric
      auto it = open.find(key);
      if (it == open.end()) {
        std::optional<std::string> red_at;
        if (red) red_at = now;
        // Another instance on the same PostgreSQL may have opened it meanwhile: then it stays.
        sql << "INSERT INTO warnings (project_id, metric, rule_id, colour, reason, since_period, last_period, "
               "opened_at, red_at) VALUES (:p, :m, :r, :c, :why, :since, :last, :t, :red) "
               "ON CONFLICT (project_id, metric) WHERE closed_at IS NULL DO NOTHING",
            soci::use(w.project_id), soci::use(metric), soci::use(rule_id), soci::use(colour), soci::use(w.result.reason),
            soci::use(period), soci::use(period), soci::use(now), soci::use(red_at);
        ++result.opened;
        if (red) new_reds.push_back(&w);
        continue;
      }
      const Open& o = it->second;
      if (o.colour == colour && o.reason == w.result.reason && o.last_period == period && o.rule_id == rule_id) continue;
      ++result.updated;
      if (red && o.colour != "red") {
        // Turned red: a new red, and an acknowledgement of the yellow no longer holds.
        sql << "UPDATE warnings SET colour = :c, reason = :why, rule_id = :r, last_period = :last, red_at = :t, "
               "acknowledged_at = NULL, acknowledged_by = NULL, ack_note = NULL WHERE id = :id",
            soci::use(colour), soci::use(w.result.reason), soci::use(rule_id), soci::use(period), soci::use(now),
            soci::use(o.id);
        new_reds.push_back(&w);
      } else {
        sql << "UPDATE warnings SET colour = :c, reason = :why, rule_id = :r, last_period = :last WHERE id = :id",
            soci::use(colour), soci::use(w.result.reason), soci::use(rule_id), soci::use(period), soci::use(o.id);
      }
    }
    for (const auto& [key, o] : open) {
      if (still_seen.count(key)) continue;
      sql << "UPDATE warnings SET closed_at = :t WHERE id = :id", soci::use(now), soci::use(o.id);
      ++result.closed;
    }
    NotifyNewReds(sql, new_reds);
    result.new_red = static_cast<int64_t>(new_reds.size());
    tx.Commit();
    return result;
  });
}

StatusOr<Page<Warning>> WarningStore::List(const WarningFilter& f, const PageRequest& page) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<Warning>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    auto filter = [&](db::Query& q) {
      WhereInScope(q, f.scope);
      if (f.units) {
        if (f.units->empty()) q.Where("1 = 0");
        else q.Where("p.lead_unit_id IN (" + q.BindList(*f.units) + ")");
      }
      if (!f.colours.empty()) q.Where("w.colour IN (" + q.BindList(f.colours) + ")");
      if (f.metric) q.Where("w.metric = " + q.Bind(*f.metric));
      if (f.state == "open") q.Where("w.closed_at IS NULL");
      if (f.state == "unacknowledged") q.Where("w.closed_at IS NULL").Where("w.acknowledged_at IS NULL");
      if (f.state == "acknowledged") q.Where("w.closed_at IS NULL").Where("w.acknowledged_at IS NOT NULL");
      if (f.state == "closed") q.Where("w.closed_at IS NOT NULL");
      // The project list's search text (name, code, owner, content; ASCII lower-cased), so that
      // both databases match the same warnings.
      if (!f.q.empty()) q.Where("p.search_text LIKE " + q.BindContains(AsciiLower(f.q)) + " ESCAPE '\\'");
    };
    Page<Warning> out;
    db::Query count("SELECT COUNT(*) FROM warnings w JOIN projects p ON p.id = w.project_id");
    filter(count);
    soci::statement cs = count.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
    cs.execute(true);
    db::Query q(kSelect);
    filter(q);
    q.Append(" ORDER BY CASE w.colour WHEN 'red' THEN 0 ELSE 1 END, w.closed_at IS NOT NULL, w.since_period, w.id");
    q.Append(" LIMIT " + q.Bind(page.page_size) + " OFFSET " + q.Bind(page.Offset()));
    Warning w;
    out.items = q.FetchAll(sql, w, [&](soci::statement& s) { IntoWarning(s, w); });
    return out;
  });
}

StatusOr<Warning> WarningStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Warning> {
    auto w = Load(sql, id);
    if (!w) return Status::NotFound("warning.not_found", "预警不存在");
    return *w;
  });
}

StatusOr<Warning> WarningStore::Acknowledge(int64_t id, const std::string& note, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Warning> {
    db::Transaction tx(sql, db_.dialect());
    auto w = Load(sql, id);
    if (!w) return Status::NotFound("warning.not_found", "预警不存在");
    if (w->closed_at) return Status::Conflict("warning.closed", "该预警已解除,无需确认");
    const std::string now = NowTimestamp();
    sql << "UPDATE warnings SET acknowledged_at = :t, acknowledged_by = :u, ack_note = :n WHERE id = :id",
        soci::use(now), soci::use(user_id), soci::use(note), soci::use(id);
    tx.Commit();
    return *Load(sql, id);
  });
}

}  // namespace tuijin::store
