#include "store/user_store.h"

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.username, u.display_name, u.role, u.unit_id, un.name, u.phone, u.email, u.disabled, "
    "u.must_change_password, u.created_at, u.updated_at FROM users u LEFT JOIN units un ON un.id = u.unit_id";

struct UserRow {
  User u;
  int disabled = 0;
  int must_change = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(u.id));
    st.exchange(soci::into(u.username));
    st.exchange(soci::into(u.display_name));
    st.exchange(soci::into(u.role));
    st.exchange(soci::into(u.unit_id));
    st.exchange(soci::into(u.unit_name));
    st.exchange(soci::into(u.phone));
    st.exchange(soci::into(u.email));
    st.exchange(soci::into(disabled));
    st.exchange(soci::into(must_change));
    st.exchange(soci::into(u.created_at));
    st.exchange(soci::into(u.updated_at));
  }
  User Take() {
    u.disabled = disabled != 0;
    u.must_change_password = must_change != 0;
    return u;
  }
};

std::optional<User> LoadOne(soci::session& sql, int64_t id) {
  db::Query q(kSelect);
  q.Where("u.id = " + q.Bind(id));
  UserRow row;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.Take();
}

Status CheckUnitExists(soci::session& sql, const std::optional<int64_t>& unit_id) {
  if (!unit_id) return Status::Ok();
  int n = 0;
  sql << "SELECT COUNT(*) FROM units WHERE id = :id", soci::use(*unit_id), soci::into(n);
  if (n == 0) return Status::Invalid({{"unit_id", "所属单位不存在"}});
  return Status::Ok();
}

}  // namespace

StatusOr<Page<User>> UserStore::List(const UserFilter& f) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<User>> {
    auto filter = [&](db::Query& q) {
      if (!f.q.empty()) {
        q.Where("u.username LIKE " + q.BindContains(f.q) + " ESCAPE '\\' OR u.display_name LIKE " +
                q.BindContains(f.q) + " ESCAPE '\\'");
      }
      if (!f.role.empty()) q.Where("u.role = " + q.Bind(f.role));
      if (!f.unit_ids.empty()) {
        q.Where("u.unit_id IN (" + q.BindList(f.unit_ids) + ")");
      }
    };
    Page<User> page;
    {
      db::Query q("SELECT COUNT(*) FROM users u");
      filter(q);
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(page.total)); });
      st.execute(true);
    }
    db::Query q(kSelect);
    filter(q);
    q.Append(" ORDER BY u.id LIMIT " + q.Bind(f.page.page_size) + " OFFSET " + q.Bind(f.page.Offset()));
    UserRow row;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
    st.execute();
    while (st.fetch()) page.items.push_back(row.Take());
    return page;
  });
}

StatusOr<User> UserStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<User> {
    auto u = LoadOne(sql, id);
    if (!u) return Status::NotFound("user.not_found", "用户不存在");
    return *u;
  });
}

StatusOr<std::optional<std::pair<User, std::string>>> UserStore::FindForLogin(const std::string& username) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<std::pair<User, std::string>>> {
    int64_t id = 0;
    std::string hash;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id, password_hash FROM users WHERE username = :u", soci::use(username), soci::into(id, ind),
        soci::into(hash);
    if (!sql.got_data()) return std::optional<std::pair<User, std::string>>();
    auto u = LoadOne(sql, id);
    if (!u) return std::optional<std::pair<User, std::string>>();
    return std::optional<std::pair<User, std::string>>(std::make_pair(*u, hash));
  });
}

StatusOr<User> UserStore::Create(const NewUser& in) {
  return db_.Run([&](soci::session& sql) -> StatusOr<User> {
    db::Transaction tx(sql, db_.dialect());
    RETURN_IF_ERROR(CheckUnitExists(sql, in.unit_id));
    int taken = 0;
    sql << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(in.username), soci::into(taken);
    if (taken > 0) {
      return Status::Conflict("user.duplicate_username", "用户名已被使用").WithField("username", "用户名已被使用");
    }
    const std::string now = NowTimestamp();
    const int must = in.must_change_password ? 1 : 0;
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO users (username, display_name, role, unit_id, phone, email, password_hash, disabled, "
        "must_change_password, created_at, updated_at) VALUES (:username, :display, :role, :unit, :phone, :email, "
        ":hash, 0, :must, :now, :now2) "
        "RETURNING id",
        [&](soci::statement& st) {
          st.exchange(soci::use(in.username, "username"));
          st.exchange(soci::use(in.display_name, "display"));
          st.exchange(soci::use(in.role, "role"));
          st.exchange(soci::use(in.unit_id, "unit"));
          st.exchange(soci::use(in.phone, "phone"));
          st.exchange(soci::use(in.email, "email"));
          st.exchange(soci::use(in.password_hash, "hash"));
          st.exchange(soci::use(must, "must"));
          st.exchange(soci::use(now, "now"));
          st.exchange(soci::use(now, "now2"));
        });
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

StatusOr<User> UserStore::Update(int64_t id, const UserUpdate& in) {
  return db_.Run([&](soci::session& sql) -> StatusOr<User> {
    db::Transaction tx(sql, db_.dialect());
    if (!LoadOne(sql, id)) return Status::NotFound("user.not_found", "用户不存在");
    RETURN_IF_ERROR(CheckUnitExists(sql, in.unit_id));
    const std::string now = NowTimestamp();
    const int disabled = in.disabled ? 1 : 0;
    sql << "UPDATE users SET display_name = :display, role = :role, unit_id = :unit, phone = :phone, "
           "disabled = :disabled, updated_at = :now WHERE id = :id",
        soci::use(in.display_name, "display"), soci::use(in.role, "role"), soci::use(in.unit_id, "unit"),
        soci::use(in.phone, "phone"), soci::use(disabled, "disabled"), soci::use(now, "now"), soci::use(id, "id");
    if (in.email) {
      sql << "UPDATE users SET email = :email WHERE id = :id", soci::use(*in.email, "email"), soci::use(id, "id");
    }
    if (in.disabled) {
      const int64_t t = NowUnix();
      sql << "UPDATE sessions SET revoked_at = :t WHERE user_id = :id AND revoked_at IS NULL", soci::use(t),
          soci::use(id);
    }
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

Status UserStore::SetPasswordHash(int64_t id, const std::string& hash, bool must_change) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    if (!LoadOne(sql, id)) return Status::NotFound("user.not_found", "用户不存在");
    const std::string now = NowTimestamp();
    const int64_t t = NowUnix();
    const int must = must_change ? 1 : 0;
    sql << "UPDATE users SET password_hash = :h, must_change_password = :m, updated_at = :now WHERE id = :id",
        soci::use(hash), soci::use(must), soci::use(now), soci::use(id);
    sql << "UPDATE sessions SET revoked_at = :t WHERE user_id = :id AND revoked_at IS NULL", soci::use(t),
        soci::use(id);
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<int64_t> UserStore::Count() {
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    int64_t n = 0;
    sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return n;
  });
}

Status UserStore::CreateSession(int64_t user_id, const std::string& token_hash, const std::string& csrf_token,
                                int64_t now, int64_t expires_at, const std::string& ip,
                                const std::string& user_agent) {
  return db_.Run([&](soci::session& sql) -> Status {
    const std::string ua = user_agent.substr(0, 300);
    sql << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, "
           "user_agent) VALUES (:h, :u, :c, :now, :now2, :exp, :ip, :ua)",
        soci::use(token_hash, "h"), soci::use(user_id, "u"), soci::use(csrf_token, "c"), soci::use(now, "now"),
        soci::use(now, "now2"), soci::use(expires_at, "exp"), soci::use(ip, "ip"), soci::use(ua, "ua");
    return Status::Ok();
  });
}

StatusOr<std::optional<ActiveSession>> UserStore::FindSession(const std::string& token_hash, int64_t now,
                                                             int64_t idle_seconds) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<ActiveSession>> {
    ActiveSession s;
    int64_t user_id = 0;
    const int64_t idle_since = now - idle_seconds;
    sql << "SELECT s.id, s.csrf_token, s.last_seen_at, s.user_id FROM sessions s JOIN users u ON u.id = s.user_id "
           "WHERE s.token_hash = :h AND s.revoked_at IS NULL AND s.expires_at > :now AND s.last_seen_at > :idle "
           "AND u.disabled = 0",
        soci::use(token_hash, "h"), soci::use(now, "now"), soci::use(idle_since, "idle"), soci::into(s.session_id),
        soci::into(s.csrf_token), soci::into(s.last_seen_at), soci::into(user_id);
    if (!sql.got_data()) return std::optional<ActiveSession>();
    auto u = LoadOne(sql, user_id);
    if (!u) return std::optional<ActiveSession>();
    s.user = std::move(*u);
    return std::optional<ActiveSession>(std::move(s));
  });
}

Status UserStore::TouchSession(int64_t session_id, int64_t now) {
  return db_.Run([&](soci::session& sql) -> Status {
    sql << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now), soci::use(session_id);
    return Status::Ok();
  });
}

Status UserStore::RevokeSession(int64_t session_id, int64_t now) {
  return db_.Run([&](soci::session& sql) -> Status {
    sql << "UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL", soci::use(now),
        soci::use(session_id);
    return Status::Ok();
  });
}

StatusOr<std::vector<SessionInfo>> UserStore::ListSessions(int64_t user_id, int64_t now, int64_t idle_seconds) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<SessionInfo>> {
    db::Query q("SELECT id, created_at, last_seen_at, expires_at, COALESCE(ip, ''), COALESCE(user_agent, '') FROM sessions");
    q.Where("user_id = " + q.Bind(user_id)).Where("revoked_at IS NULL");
    q.Where("expires_at > " + q.Bind(now)).Where("last_seen_at > " + q.Bind(now - idle_seconds));
    q.Append(" ORDER BY last_seen_at DESC, id DESC");
    SessionInfo s;
    return q.FetchAll(sql, s, [&](soci::statement& st) {
      st.exchange(soci::into(s.id));
      st.exchange(soci::into(s.created_at));
      st.exchange(soci::into(s.last_seen_at));
      st.exchange(soci::into(s.expires_at));
      st.exchange(soci::into(s.ip));
      st.exchange(soci::into(s.user_agent));
    });
  });
}

Status UserStore::RevokeUserSession(int64_t user_id, int64_t session_id, int64_t now) {
  return db_.Run([&](soci::session& sql) -> Status {
    soci::statement st = (sql.prepare << "UPDATE sessions SET revoked_at = :t WHERE id = :id AND user_id = :u "
                                         "AND revoked_at IS NULL",
                          soci::use(now), soci::use(session_id), soci::use(user_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("session.not_found", "该登录会话不存在或已结束");
    return Status::Ok();
  });
}

StatusOr<int64_t> UserStore::RevokeAllSessions(int64_t user_id, int64_t now) {
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    soci::statement st = (sql.prepare << "UPDATE sessions SET revoked_at = :t WHERE user_id = :u AND revoked_at IS NULL "
                                         "AND expires_at > :now",
                          soci::use(now), soci::use(user_id), soci::use(now));
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

}  // namespace tuijin::store
