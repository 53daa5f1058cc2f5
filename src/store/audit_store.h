// The audit trail (操作日志): appended to, searched and exported; never changed. The database
// enforces it too (migration 0013: triggers refuse UPDATE, TRUNCATE and any DELETE of a row
// inside the retention period).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "store/page.h"

namespace tuijin::store {

struct AuditEntry {
  int64_t id = 0;
  std::string at;  // ISO 8601, +08:00
  int64_t at_unix = 0;
  std::optional<int64_t> user_id;
  std::string username, role, address;
  std::string action;  // projects.update, session.login_failed, …
  std::string method, path, resource;
  std::optional<std::string> resource_id;
  int status = 0;
  std::string summary;
  std::optional<std::string> old_values, new_values;  // JSON objects of the changed fields
};

struct AuditFilter {
  std::optional<int64_t> from_unix, to_unix;  // [from, to)
  std::optional<int64_t> user_id;
  std::string username;                   // contains
  std::string action;                     // exact, or a prefix ending in "." ("projects.")
  std::string resource;
  std::optional<std::string> resource_id;
  std::optional<bool> failed;             // status >= 400, or below
  std::string q;                          // path or summary contains
  std::string address;
};

class AuditStore {
 public:
  explicit AuditStore(db::Database& db) : db_(db) {}

  Status Append(const AuditEntry& e);
  // Newest first.
  StatusOr<Page<AuditEntry>> List(const AuditFilter& f, const PageRequest& page);
  // Every matching entry, newest first, in batches (exports).
  Status ForEach(const AuditFilter& f, const std::function<Status(const AuditEntry&)>& fn);
  // Sets how long entries are kept (0: forever); the triggers allow deleting only older ones.
  Status SetRetention(int64_t days);
  // Deletes the entries older than the retention period; returns how many.
  StatusOr<int64_t> Purge();

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
