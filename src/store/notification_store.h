// In-app messages (站内消息): reminders to report (催报) and the like, per user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct Notification {
  int64_t id = 0;
  std::string kind;  // report_reminder, …
  std::string title;
  std::optional<std::string> body, link;
  std::optional<std::string> read_at;
  std::string created_at;
};

struct NewNotification {
  std::string kind;
  std::string title;
  std::optional<std::string> body, link;
};

// The message to every enabled unit user of `unit_ids` inside the caller's transaction;
// returns how many users it reached. `sender` none: sent by the system (a warning).
int64_t InsertForUnitUsers(soci::session& sql, const std::vector<int64_t>& unit_ids, const NewNotification& n,
                           std::optional<int64_t> sender);

// The message to one user inside the caller's transaction; returns its id.
int64_t InsertForUser(soci::session& sql, int64_t user_id, const NewNotification& n, std::optional<int64_t> sender);

class NotificationStore {
 public:
  explicit NotificationStore(db::Database& db) : db_(db) {}

  // The same message to every enabled unit user of these units, in one transaction; returns
  // how many users it reached.
  StatusOr<int64_t> SendToUnitUsers(const std::vector<int64_t>& unit_ids, const NewNotification& n, int64_t sender);
  // A user's newest messages, and how many are unread.
  StatusOr<std::pair<std::vector<Notification>, int64_t>> ForUser(int64_t user_id, int64_t limit);
  // NotFound unless the message is the user's.
  Status MarkRead(int64_t user_id, int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
