#include "store/audit_store.h"

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, at, at_unix, user_id, username, role, address, action, method, path, resource, resource_id, status, "
    "summary, old_values, new_values FROM audit_log";

void IntoEntry(soci::statement& s, AuditEntry& e) {
  s.exchange(soci::into(e.id));
  s.exchange(soci::into(e.at));
  s.exchange(soci::into(e.at_unix));
  s.exchange(soci::into(e.user_id));
  s.exchange(soci::into(e.username));
  s.exchange(soci::into(e.role));
  s.exchange(soci::into(e.address));
  s.exchange(soci::into(e.action));
  s.exchange(soci::into(e.method));
  s.exchange(soci::into(e.path));
  s.exchange(soci::into(e.resource));
  s.exchange(soci::into(e.resource_id));
  s.exchange(soci::into(e.status));
  s.exchange(soci::into(e.summary));
  s.exchange(soci::into(e.old_values));
  s.exchange(soci::into(e.new_values));
}

void Filter(db::Query& q, const AuditFilter& f) {
  if (f.from_unix) q.Where("at_unix >= " + q.Bind(*f.from_unix));
  if (f.to_unix) q.Where("at_unix < " + q.Bind(*f.to_unix));
  if (f.user_id) q.Where("user_id = " + q.Bind(*f.user_id));
  if (!f.username.empty()) q.Where("username LIKE " + q.BindContains(f.username) + " ESCAPE '\\'");
  if (!f.action.empty()) {
    if (f.action.back() == '.') {
      q.Where("action LIKE " + q.Bind(f.action + "%"));
    } else {
      q.Where("action = " + q.Bind(f.action));
    }
  }
  if (!f.resource.empty()) q.Where("resource = " + q.Bind(f.resource));
  if (f.resource_id) q.Where("resource_id = " + q.Bind(*f.resource_id));
  if (f.failed) q.Where(*f.failed ? "status >= 400" : "status < 400");
  if (!f.address.empty()) q.Where("address = " + q.Bind(f.address));
  if (!f.q.empty()) {
    const std::string a = q.BindContains(f.q), b = q.BindContains(f.q);
    q.Where("(path LIKE " + a + " ESCAPE '\\' OR summary LIKE " + b + " ESCAPE '\\')");
  }
}

}  // namespace

Status AuditStore::Append(const AuditEntry& e) {
  return db_.Run([&](soci::session& sql) -> Status {
    sql << "INSERT INTO audit_log (at, at_unix, user_id, username, role, address, action, method, path, resource, "
           "resource_id, status, summary, old_values, new_values) VALUES (:at, :atu, :uid, :un, :ro, :ad, :ac, :me, "
           ":pa, :re, :rid, :st, :su, :ov, :nv)",
        soci::use(e.at), soci::use(e.at_unix), soci::use(e.user_id), soci::use(e.username), soci::use(e.role),
        soci::use(e.address), soci::use(e.action), soci::use(e.method), soci::use(e.path), soci::use(e.resource),
        soci::use(e.resource_id), soci::use(e.status), soci::use(e.summary), soci::use(e.old_values),
        soci::use(e.new_values);
    return Status::Ok();
  });
}

StatusOr<Page<AuditEntry>> AuditStore::List(const AuditFilter& f, const PageRequest& page) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<AuditEntry>> {
    Page<AuditEntry> out;
    db::Query count("SELECT COUNT(*) FROM audit_log");
    Filter(count, f);
    soci::statement cs = count.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
    cs.execute(true);
    db::Query q(kSelect);
    Filter(q, f);
    q.Append(" ORDER BY id DESC LIMIT " + q.Bind(page.page_size) + " OFFSET " + q.Bind(page.Offset()));
    AuditEntry e;
    out.items = q.FetchAll(sql, e, [&](soci::statement& s) { IntoEntry(s, e); });
    return out;
  });
}

Status AuditStore::ForEach(const AuditFilter& f, const std::function<Status(const AuditEntry&)>& fn) {
  // Keyset batches: each is its own short read, so a long export holds no lock between them.
  std::optional<int64_t> before;
  for (;;) {
    ASSIGN_OR_RETURN(auto batch, db_.Run([&](soci::session& sql) -> StatusOr<std::vector<AuditEntry>> {
      db::Query q(kSelect);
      Filter(q, f);
      if (before) q.Where("id < " + q.Bind(*before));
      q.Append(" ORDER BY id DESC LIMIT 2000");
      AuditEntry e;
      return q.FetchAll(sql, e, [&](soci::statement& s) { IntoEntry(s, e); });
    }));
    if (batch.empty()) return Status::Ok();
    for (const AuditEntry& e : batch) RETURN_IF_ERROR(fn(e));
    before = batch.back().id;
  }
}

Status AuditStore::SetRetention(int64_t days) {
  return db_.Run([&](soci::session& sql) -> Status {
    sql << "UPDATE audit_settings SET retention_days = :d WHERE id = 1", soci::use(days);
    return Status::Ok();
  });
}

StatusOr<int64_t> AuditStore::Purge() {
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    int64_t days = 0;
    sql << "SELECT retention_days FROM audit_settings WHERE id = 1", soci::into(days);
    if (days <= 0) return int64_t{0};
    const int64_t cutoff = NowUnix() - 86'400 * days;
    soci::statement st = (sql.prepare << "DELETE FROM audit_log WHERE at_unix < :c", soci::use(cutoff));
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

}  // namespace tuijin::store
