// The daily reminder run's records: who receives digests, and writing a day's digests (in-app
// messages, mail when configured, the group-robot summary) in one transaction, once per user
// and day.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct Recipient {
  int64_t id = 0;
  std::string username, display_name;
  std::optional<std::string> email;
};

struct Audience {
  std::map<int64_t, std::vector<int64_t>> unit_users;  // enabled unit users by unit
  std::map<int64_t, Recipient> users;                  // every enabled user
};

struct DigestRecord {
  int64_t user_id = 0;
  std::string title, body;
  int64_t overdue = 0, due_today = 0, due_soon = 0;
};

struct RunRecord {
  int64_t written = 0;  // digests written now (users who had one today already are skipped)
  bool first_run = false;
};

class ReminderStore {
 public:
  explicit ReminderStore(db::Database& db) : db_(db) {}

  StatusOr<Audience> LoadAudience();
  // Whether `day` (YYYY-MM-DD) has had its run.
  StatusOr<bool> HasRun(const std::string& day);
  // Writes the digests of `day` and records the run; the group-robot summary (`webhook_title`,
  // `webhook_text`, when not empty) goes out with the day's first run only.
  StatusOr<RunRecord> Record(const std::string& day, int64_t open_items, const std::vector<DigestRecord>& digests,
                             const std::string& webhook_title, const std::string& webhook_text);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
