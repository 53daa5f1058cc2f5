#include "store/delivery_store.h"

#include <fmt/format.h>

#include "base/time.h"
#include "db/query.h"
#include "domain/delivery.h"

namespace tuijin::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, channel, source, target, subject, payload, state, attempts, next_attempt_at, last_error, created_at, "
    "sent_at FROM deliveries";

void IntoDelivery(soci::statement& s, Delivery& d) {
  s.exchange(soci::into(d.id));
  s.exchange(soci::into(d.channel));
  s.exchange(soci::into(d.source));
  s.exchange(soci::into(d.target));
  s.exchange(soci::into(d.subject));
  s.exchange(soci::into(d.payload));
  s.exchange(soci::into(d.state));
  s.exchange(soci::into(d.attempts));
  s.exchange(soci::into(d.next_attempt_at));
  s.exchange(soci::into(d.last_error));
  s.exchange(soci::into(d.created_at));
  s.exchange(soci::into(d.sent_at));
}

DeliverySettings LoadSettings(soci::session& sql) {
  DeliverySettings s;
  int webhook_enabled = 0, smtp_enabled = 0;
  std::optional<std::string> url, secret, host, username, password, from;
  std::optional<int64_t> port;
  sql << "SELECT webhook_enabled, webhook_url, webhook_format, webhook_secret, smtp_enabled, smtp_host, smtp_port, "
         "smtp_security, smtp_username, smtp_password, smtp_from, version, updated_at FROM delivery_settings "
         "WHERE id = 1",
      soci::into(webhook_enabled), soci::into(url), soci::into(s.webhook_format), soci::into(secret),
      soci::into(smtp_enabled), soci::into(host), soci::into(port), soci::into(s.smtp_security), soci::into(username),
      soci::into(password), soci::into(from), soci::into(s.version), soci::into(s.updated_at);
  if (!sql.got_data()) return DeliverySettings{};  // the migration inserts the row; both channels off without it
  s.webhook_enabled = webhook_enabled != 0;
  s.webhook_url = url.value_or("");
  s.webhook_secret = secret.value_or("");
  s.smtp_enabled = smtp_enabled != 0;
  s.smtp_host = host.value_or("");
  s.smtp_port = port.value_or(0);
  s.smtp_username = username.value_or("");
  s.smtp_password = password.value_or("");
  s.smtp_from = from.value_or("");
  return s;
}

int64_t Insert(soci::session& sql, const std::string& channel, const std::string& source, const std::string& target,
               const std::string& subject, const std::string& payload) {
  const std::string now = NowTimestamp();
  const int64_t due = NowUnix();
  return db::InsertReturningId(
      sql,
      "INSERT INTO deliveries (channel, source, target, subject, payload, state, attempts, next_attempt_at, "
      "created_at) VALUES (:c, :s, :t, :j, :p, 'pending', 0, :n, :a) RETURNING id",
      [&](soci::statement& st) {
        st.exchange(soci::use(channel));
        st.exchange(soci::use(source));
        st.exchange(soci::use(target));
        st.exchange(soci::use(subject));
        st.exchange(soci::use(payload));
        st.exchange(soci::use(due));
        st.exchange(soci::use(now));
      });
}

std::optional<int64_t> QueueWebhookId(soci::session& sql, const std::string& source, const std::string& title,
                                      const std::string& markdown) {
  const DeliverySettings s = LoadSettings(sql);
  if (!s.webhook_enabled || s.webhook_url.empty()) return std::nullopt;
  const auto format = domain::ParseWebhookFormat(s.webhook_format).value_or(domain::WebhookFormat::kWecom);
  // The URL is stored without 加签: the signature carries a timestamp, so the sender signs
  // each attempt with the secret of the moment.
  return Insert(sql, "webhook", source, s.webhook_url, title, domain::WebhookPayload(format, title, markdown));
}

std::optional<int64_t> QueueMailId(soci::session& sql, const std::string& source, const std::string& to,
                                   const std::string& subject, const std::string& text) {
  if (to.empty() || !domain::IsEmailAddress(to)) return std::nullopt;
  const DeliverySettings s = LoadSettings(sql);
  if (!s.smtp_enabled || s.smtp_host.empty()) return std::nullopt;
  return Insert(sql, "email", source, to, subject, text);
}

std::optional<Delivery> Load(soci::session& sql, int64_t id) {
  db::Query q(kSelect);
  q.Where("id = " + q.Bind(id));
  Delivery d;
  auto rows = q.FetchAll(sql, d, [&](soci::statement& s) { IntoDelivery(s, d); });
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

}  // namespace

bool QueueWebhook(soci::session& sql, const std::string& source, const std::string& title,
                  const std::string& markdown) {
  return QueueWebhookId(sql, source, title, markdown).has_value();
}

bool QueueMail(soci::session& sql, const std::string& source, const std::string& to, const std::string& subject,
               const std::string& text) {
  return QueueMailId(sql, source, to, subject, text).has_value();
}

int64_t QueueMailToUsers(soci::session& sql, const std::string& source, const std::vector<int64_t>& user_ids,
                         const std::string& subject, const std::string& text) {
  if (user_ids.empty() || !LoadSettings(sql).smtp_enabled) return 0;
  db::Query q("SELECT email FROM users");
  q.Where("id IN (" + q.BindList(user_ids) + ")").Where("disabled = 0").Where("email IS NOT NULL");
  q.Append(" ORDER BY id");
  std::string email;
  const auto emails = q.FetchAll(sql, email, [&](soci::statement& s) { s.exchange(soci::into(email)); });
  int64_t queued = 0;
  for (const std::string& to : emails) queued += QueueMail(sql, source, to, subject, text) ? 1 : 0;
  return queued;
}

StatusOr<DeliverySettings> DeliveryStore::Settings() {
  return db_.Run([&](soci::session& sql) -> StatusOr<DeliverySettings> { return LoadSettings(sql); });
}

StatusOr<DeliverySettings> DeliveryStore::SaveSettings(const DeliverySettingsUpdate& u, int64_t version,
                                                       int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<DeliverySettings> {
    db::Transaction tx(sql, db_.dialect());
    // The version is checked in the UPDATE itself, so two saves from the same version cannot
    // both pass on either database.
    const std::string now = NowTimestamp();
    const int webhook_enabled = u.webhook_enabled ? 1 : 0, smtp_enabled = u.smtp_enabled ? 1 : 0;
    const int keep_secret = u.webhook_secret ? 0 : 1, keep_password = u.smtp_password ? 0 : 1;
    const std::string secret = u.webhook_secret.value_or(""), password = u.smtp_password.value_or("");
    auto nullable = [](const std::string& v) { return v.empty() ? std::optional<std::string>() : std::optional(v); };
    const auto url = nullable(u.webhook_url), host = nullable(u.smtp_host), username = nullable(u.smtp_username),
               from = nullable(u.smtp_from), secret_value = nullable(secret), password_value = nullable(password);
    const std::optional<int64_t> port = u.smtp_port > 0 ? std::optional(u.smtp_port) : std::nullopt;
    soci::statement st =
        (sql.prepare << "UPDATE delivery_settings SET webhook_enabled = :we, webhook_url = :wu, webhook_format = :wf, "
                        "webhook_secret = CASE WHEN :ks = 1 THEN webhook_secret ELSE :ws END, smtp_enabled = :se, "
                        "smtp_host = :sh, smtp_port = :sp, smtp_security = :ss, smtp_username = :su, "
                        "smtp_password = CASE WHEN :kp = 1 THEN smtp_password ELSE :pw END, smtp_from = :sf, "
                        "version = version + 1, updated_at = :t, updated_by = :u WHERE id = 1 AND version = :v",
         soci::use(webhook_enabled), soci::use(url), soci::use(u.webhook_format), soci::use(keep_secret),
         soci::use(secret_value), soci::use(smtp_enabled), soci::use(host), soci::use(port), soci::use(u.smtp_security),
         soci::use(username), soci::use(keep_password), soci::use(password_value), soci::use(from), soci::use(now),
         soci::use(user_id), soci::use(version));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return Status::Conflict("delivery.stale", "消息推送设置已被他人修改,请刷新后重试")
          .WithField("version", "已被他人修改");
    }
    tx.Commit();
    return LoadSettings(sql);
  });
}

StatusOr<Delivery> DeliveryStore::QueueTest(const std::string& channel, const std::string& to) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Delivery> {
    db::Transaction tx(sql, db_.dialect());
    const std::string when = NowTimestamp();
    std::optional<int64_t> id;
    if (channel == "webhook") {
      id = QueueWebhookId(sql, "test", "推进平台测试消息",
                          fmt::format("这是一条测试消息,发送于 {}。\n\n收到即表示群机器人配置正确。", when));
      if (!id) return Status::Conflict("delivery.channel_off", "群机器人推送未开启").WithField("channel", "未开启");
    } else {
      id = QueueMailId(sql, "test", to, "推进平台测试邮件",
                       fmt::format("这是一封测试邮件,发送于 {}。\n收到即表示邮件发送配置正确。\n", when));
      if (!id) return Status::Conflict("delivery.channel_off", "邮件发送未开启").WithField("channel", "未开启");
    }
    tx.Commit();
    return *Load(sql, *id);
  });
}

StatusOr<Page<Delivery>> DeliveryStore::List(const DeliveryFilter& f, const PageRequest& page) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<Delivery>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    auto filter = [&](db::Query& q) {
      if (f.channel) q.Where("channel = " + q.Bind(*f.channel));
      if (f.state) q.Where("state = " + q.Bind(*f.state));
      if (f.source) q.Where("source = " + q.Bind(*f.source));
    };
    Page<Delivery> out;
    db::Query count("SELECT COUNT(*) FROM deliveries");
    filter(count);
    soci::statement cs = count.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
    cs.execute(true);
    db::Query q(kSelect);
    filter(q);
    q.Append(" ORDER BY id DESC LIMIT " + q.Bind(page.page_size) + " OFFSET " + q.Bind(page.Offset()));
    Delivery d;
    out.items = q.FetchAll(sql, d, [&](soci::statement& s) { IntoDelivery(s, d); });
    return out;
  });
}

StatusOr<Delivery> DeliveryStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Delivery> {
    auto d = Load(sql, id);
    if (!d) return Status::NotFound("delivery.not_found", "发送记录不存在");
    return *d;
  });
}

StatusOr<std::vector<Delivery>> DeliveryStore::Due(int64_t now, int64_t limit) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Delivery>> {
    db::Query q(kSelect);
    q.Where("state = 'pending'").Where("next_attempt_at <= " + q.Bind(now));
    q.Append(" ORDER BY next_attempt_at, id LIMIT " + q.Bind(limit));
    Delivery d;
    return q.FetchAll(sql, d, [&](soci::statement& s) { IntoDelivery(s, d); });
  });
}

StatusOr<bool> DeliveryStore::Claim(Delivery& d, int64_t now, int64_t lease_seconds) {
  return db_.Run([&](soci::session& sql) -> StatusOr<bool> {
    const int64_t until = now + lease_seconds;
    // Compare-and-set on what Due() read: of two instances that read the same row, the
    // second UPDATE finds attempts already moved on and changes nothing.
    soci::statement st =
        (sql.prepare << "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = :until "
                        "WHERE id = :id AND state = 'pending' AND attempts = :a AND "
                        "next_attempt_at = :due AND next_attempt_at <= :now",
         soci::use(until), soci::use(d.id), soci::use(d.attempts), soci::use(d.next_attempt_at), soci::use(now));
    st.execute(true);
    if (st.get_affected_rows() != 1) return false;
    d.attempts += 1;
    d.next_attempt_at = until;
    return true;
  });
}

Status DeliveryStore::RecordSent(const Delivery& d) {
  return db_.Run([&](soci::session& sql) -> Status {
    const std::string now = NowTimestamp();
    sql << "UPDATE deliveries SET state = 'sent', sent_at = :t WHERE id = :id AND state = 'pending' AND attempts = :a",
        soci::use(now), soci::use(d.id), soci::use(d.attempts);
    return Status::Ok();
  });
}

Status DeliveryStore::RecordFailure(const Delivery& d, const std::string& error, std::optional<int64_t> retry_at) {
  return db_.Run([&](soci::session& sql) -> Status {
    const std::string state = retry_at ? "pending" : "failed";
    const int64_t next = retry_at.value_or(d.next_attempt_at);
    const std::string message = fmt::format("第 {} 次:{}", d.attempts, error);
    const std::string newline = "\n";
    // Every failed try stays in last_error, one line each (attempts are capped at 20).
    sql << "UPDATE deliveries SET state = :s, next_attempt_at = :n, last_error = CASE WHEN last_error IS NULL THEN :e "
           "ELSE last_error || :nl || :e2 END WHERE id = :id AND state = 'pending' AND attempts = :a",
        soci::use(state), soci::use(next), soci::use(message), soci::use(newline), soci::use(message), soci::use(d.id),
        soci::use(d.attempts);
    return Status::Ok();
  });
}

Status DeliveryStore::Release(const Delivery& d) {
  return db_.Run([&](soci::session& sql) -> Status {
    const int64_t now = NowUnix();
    sql << "UPDATE deliveries SET attempts = attempts - 1, next_attempt_at = :n WHERE id = :id AND "
           "state = 'pending' AND attempts = :a",
        soci::use(now), soci::use(d.id), soci::use(d.attempts);
    return Status::Ok();
  });
}

}  // namespace tuijin::store
