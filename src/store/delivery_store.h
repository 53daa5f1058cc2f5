// Outgoing messages: the delivery settings (one row, both channels off by default) and the
// deliveries table, which is the outbox and the log at once. Requests only insert rows
// (QueueWebhook, QueueMail, inside their own transaction); the sender thread
// (api/delivery_sender.h) claims due rows, sends them and records each attempt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "store/page.h"

namespace tuijin::store {

// Inside the caller's transaction: queues a group-robot message when the webhook is enabled
// (payload built for the configured format, 企业微信 or 钉钉 markdown). Returns whether it
// queued one. `source` says what sent it: "supervision.issued", "reminder.digest", "test".
// Throws (like any statement) on a database error, so the caller's transaction rolls back.
bool QueueWebhook(soci::session& sql, const std::string& source, const std::string& title, const std::string& markdown);

// Inside the caller's transaction: queues a mail when SMTP is enabled and `to` is not empty.
// Returns whether it queued one. `to` must be an address (users.email is validated on save);
// one that is not is skipped, not queued.
bool QueueMail(soci::session& sql, const std::string& source, const std::string& to, const std::string& subject,
               const std::string& text);

// Inside the caller's transaction: QueueMail to each enabled user of `user_ids` that has an
// e-mail. Returns how many mails it queued (0 when SMTP is off).
int64_t QueueMailToUsers(soci::session& sql, const std::string& source, const std::vector<int64_t>& user_ids,
                         const std::string& subject, const std::string& text);

// The settings as stored, secrets included: for the sender only. The API shows
// webhook_secret_set / smtp_password_set instead.
struct DeliverySettings {
  bool webhook_enabled = false;
  std::string webhook_url;
  std::string webhook_format = "wecom";  // wecom | dingtalk
  std::string webhook_secret;            // 钉钉 加签 secret, "" when none
  bool smtp_enabled = false;
  std::string smtp_host;
  int64_t smtp_port = 0;                   // 0 when not set
  std::string smtp_security = "starttls";  // none | starttls | tls
  std::string smtp_username;
  std::string smtp_password;
  std::string smtp_from;
  int64_t version = 1;
  std::string updated_at;
};

// A save: every field but the secrets replaces the stored one; a secret is kept when
// nullopt, set otherwise ("" removes it).
struct DeliverySettingsUpdate {
  bool webhook_enabled = false;
  std::string webhook_url;
  std::string webhook_format = "wecom";
  std::optional<std::string> webhook_secret;
  bool smtp_enabled = false;
  std::string smtp_host;
  int64_t smtp_port = 0;
  std::string smtp_security = "starttls";
  std::string smtp_username;
  std::optional<std::string> smtp_password;
  std::string smtp_from;
};

struct Delivery {
  int64_t id = 0;
  std::string channel;  // webhook | email
  std::string source;
  std::string target;  // the URL (without 加签) or the address
  std::string subject;
  std::string payload;  // the JSON body, or the mail text
  std::string state;    // pending | sent | failed
  int64_t attempts = 0;
  int64_t next_attempt_at = 0;  // seconds since the epoch
  std::optional<std::string> last_error;
  std::string created_at;
  std::optional<std::string> sent_at;
};

struct DeliveryFilter {
  std::optional<std::string> channel;
  std::optional<std::string> state;
  std::optional<std::string> source;
};

class DeliveryStore {
 public:
  explicit DeliveryStore(db::Database& db) : db_(db) {}

  StatusOr<DeliverySettings> Settings();
  // Conflict "delivery.stale" when `version` is not the stored one. Validation is the
  // caller's (api/delivery_api.cc).
  StatusOr<DeliverySettings> SaveSettings(const DeliverySettingsUpdate& update, int64_t version, int64_t user_id);

  // A test message on `channel` ("webhook" or "email", to `to`), in its own transaction.
  // Conflict "delivery.channel_off" when the channel is not enabled. Returns the delivery.
  StatusOr<Delivery> QueueTest(const std::string& channel, const std::string& to);

  // Newest first.
  StatusOr<Page<Delivery>> List(const DeliveryFilter& filter, const PageRequest& page);
  StatusOr<Delivery> Get(int64_t id);

  // --- the sender ---

  // Pending rows due at `now` (next_attempt_at ≤ now), oldest due first, at most `limit`.
  StatusOr<std::vector<Delivery>> Due(int64_t now, int64_t limit);
  // Takes `d` for one attempt: counts the attempt and moves next_attempt_at to now + lease,
  // only if the row is still pending with the attempts and due time read by Due(). True when
  // this caller took it: another instance on the same database that read the same row gets
  // false and skips it. A sender that dies mid-attempt leaves the row due again after the
  // lease. On success `d` holds the new attempts count.
  StatusOr<bool> Claim(Delivery& d, int64_t now, int64_t lease_seconds);
  // The outcome of the claimed attempt `d.attempts`: sent (sent_at now), or failed with
  // `error`, then retried at `retry_at` or, when nullopt, given up (state failed).
  Status RecordSent(const Delivery& d);
  Status RecordFailure(const Delivery& d, const std::string& error, std::optional<int64_t> retry_at);
  // Gives back a claimed attempt cut short by the server stopping: not counted, due at once.
  Status Release(const Delivery& d);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
