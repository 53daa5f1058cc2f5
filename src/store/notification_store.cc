#include "store/notification_store.h"

#include "base/time.h"
#include "db/db.h"
#include "db/query.h"

namespace tuijin::store {

int64_t InsertForUnitUsers(soci::session& sql, const std::vector<int64_t>& unit_ids, const NewNotification& n,
                           std::optional<int64_t> sender) {
  if (unit_ids.empty()) return 0;
  const std::string now = NowTimestamp();
  db::Query q("INSERT INTO notifications (user_id, kind, title, body, link, created_at, created_by) SELECT id, ");
  q.Append(q.Bind(n.kind) + ", " + q.Bind(n.title) + ", " + q.Bind(n.body.value_or("")) + ", " +
           q.Bind(n.link.value_or("")) + ", " + q.Bind(now) + ", " + (sender ? q.Bind(*sender) : "NULL") + " FROM users");
  q.Where("role = 'unit'").Where("disabled = 0").Where("unit_id IN (" + q.BindList(unit_ids) + ")");
  soci::statement st = q.Prepare(sql);
  st.execute(true);
  return st.get_affected_rows();
}

int64_t InsertForUser(soci::session& sql, int64_t user_id, const NewNotification& n, std::optional<int64_t> sender) {
  const std::string now = NowTimestamp();
  const std::string body = n.body.value_or(""), link = n.link.value_or("");
  return db::InsertReturningId(
      sql,
      "INSERT INTO notifications (user_id, kind, title, body, link, created_at, created_by) "
      "VALUES (:u, :k, :t, :b, :l, :c, :s) RETURNING id",
      [&](soci::statement& s) {
        s.exchange(soci::use(user_id));
        s.exchange(soci::use(n.kind));
        s.exchange(soci::use(n.title));
        s.exchange(soci::use(body));
        s.exchange(soci::use(link));
        s.exchange(soci::use(now));
        s.exchange(soci::use(sender));
      });
}

StatusOr<int64_t> NotificationStore::SendToUnitUsers(const std::vector<int64_t>& unit_ids, const NewNotification& n,
                                                     int64_t sender) {
  if (unit_ids.empty()) return int64_t{0};
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    db::Transaction tx(sql, db_.dialect());
    const int64_t sent = InsertForUnitUsers(sql, unit_ids, n, sender);
    tx.Commit();
    return sent;
  });
}

StatusOr<std::pair<std::vector<Notification>, int64_t>> NotificationStore::ForUser(int64_t user_id, int64_t limit) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::pair<std::vector<Notification>, int64_t>> {
    db::Query q("SELECT id, kind, title, body, link, read_at, created_at FROM notifications");
    q.Where("user_id = " + q.Bind(user_id));
    q.Append(" ORDER BY id DESC LIMIT " + q.Bind(limit));
    Notification n;
    auto items = q.FetchAll(sql, n, [&](soci::statement& s) {
      s.exchange(soci::into(n.id));
      s.exchange(soci::into(n.kind));
      s.exchange(soci::into(n.title));
      s.exchange(soci::into(n.body));
      s.exchange(soci::into(n.link));
      s.exchange(soci::into(n.read_at));
      s.exchange(soci::into(n.created_at));
    });
    int64_t unread = 0;
    sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL", soci::use(user_id),
        soci::into(unread);
    return std::make_pair(std::move(items), unread);
  });
}

Status NotificationStore::MarkRead(int64_t user_id, int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    const std::string now = NowTimestamp();
    soci::statement st = (sql.prepare << "UPDATE notifications SET read_at = COALESCE(read_at, :t) "
                                         "WHERE id = :id AND user_id = :u",
                          soci::use(now), soci::use(id), soci::use(user_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("notification.not_found", "消息不存在");
    return Status::Ok();
  });
}

}  // namespace tuijin::store
