#include "store/reminder_store.h"

#include <set>

#include "base/time.h"
#include "db/query.h"
#include "store/delivery_store.h"
#include "store/notification_store.h"

namespace tuijin::store {

StatusOr<Audience> ReminderStore::LoadAudience() {
  return db_.Run([&](soci::session& sql) -> StatusOr<Audience> {
    Audience out;
    db::Query q("SELECT id, username, display_name, email, role, unit_id FROM users");
    q.Where("disabled = 0");
    Recipient r;
    std::string role;
    std::optional<int64_t> unit;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(r.id));
      s.exchange(soci::into(r.username));
      s.exchange(soci::into(r.display_name));
      s.exchange(soci::into(r.email));
      s.exchange(soci::into(role));
      s.exchange(soci::into(unit));
    });
    st.execute();
    while (st.fetch()) {
      out.users[r.id] = r;
      if (role == "unit" && unit) out.unit_users[*unit].push_back(r.id);
    }
    return out;
  });
}

StatusOr<bool> ReminderStore::HasRun(const std::string& day) {
  return db_.Run([&](soci::session& sql) -> StatusOr<bool> {
    int n = 0;
    sql << "SELECT COUNT(*) FROM reminder_runs WHERE day = :d", soci::use(day), soci::into(n);
    return n > 0;
  });
}

StatusOr<RunRecord> ReminderStore::Record(const std::string& day, int64_t open_items,
                                          const std::vector<DigestRecord>& digests, const std::string& webhook_title,
                                          const std::string& webhook_text) {
  return db_.Run([&](soci::session& sql) -> StatusOr<RunRecord> {
    db::Transaction tx(sql, db_.dialect());
    RunRecord out;
    int runs = 0;
    sql << "SELECT COUNT(*) FROM reminder_runs WHERE day = :d", soci::use(day), soci::into(runs);
    out.first_run = runs == 0;
    std::set<int64_t> done;
    {
      db::Query q("SELECT user_id FROM reminder_digests");
      q.Where("day = " + q.Bind(day));
      int64_t user = 0;
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(user)); });
      st.execute();
      while (st.fetch()) done.insert(user);
    }
    std::map<int64_t, std::optional<std::string>> emails;
    {
      std::string email;
      int64_t id = 0;
      soci::statement st = (sql.prepare << "SELECT id, email FROM users WHERE email IS NOT NULL AND email <> ''",
                            soci::into(id), soci::into(email));
      st.execute();
      while (st.fetch()) emails[id] = email;
    }
    for (const DigestRecord& d : digests) {
      if (done.count(d.user_id)) continue;
      NewNotification n;
      n.kind = "supervision_digest";
      n.title = d.title;
      n.body = d.body;
      n.link = "/supervision?mine=1";
      const int64_t notification = InsertForUser(sql, d.user_id, n, std::nullopt);
      sql << "INSERT INTO reminder_digests (day, user_id, notification_id, overdue, due_today, due_soon) "
             "VALUES (:d, :u, :n, :o, :t, :s)",
          soci::use(day), soci::use(d.user_id), soci::use(notification), soci::use(d.overdue), soci::use(d.due_today),
          soci::use(d.due_soon);
      if (auto it = emails.find(d.user_id); it != emails.end() && it->second) {
        QueueMail(sql, "reminder.digest", *it->second, d.title, d.body);
      }
      ++out.written;
    }
    const std::string now = NowTimestamp();
    if (out.first_run) {
      sql << "INSERT INTO reminder_runs (day, started_at, open_items, digests) VALUES (:d, :t, :o, :n)", soci::use(day),
          soci::use(now), soci::use(open_items), soci::use(out.written);
      if (!webhook_text.empty()) QueueWebhook(sql, "reminder.digest", webhook_title, webhook_text);
    } else {
      sql << "UPDATE reminder_runs SET digests = digests + :n WHERE day = :d", soci::use(out.written), soci::use(day);
    }
    tx.Commit();
    return out;
  });
}

}  // namespace tuijin::store
