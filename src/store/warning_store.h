// The warning centre (预警中心): one warning per project and rule metric while the project is
// yellow or red on it in the month being reported. Sync() brings the open warnings in line
// with what the rules see now (opens, updates, closes) and tells the lead unit's users of a
// new red in the same transaction; staff acknowledge a warning with a note.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "domain/status_rules.h"
#include "store/page.h"

namespace tuijin::store {

// What the rules see of one project on one metric (yellow or red).
struct SeenWarning {
  int64_t project_id = 0;
  std::string project_name;
  std::optional<int64_t> lead_unit_id;
  domain::RuleResult result;
};

struct Warning {
  int64_t id = 0;
  int64_t project_id = 0;
  std::optional<std::string> project_code;
  std::string project_name;
  std::optional<int64_t> lead_unit_id;
  std::optional<std::string> lead_unit_name;
  std::string metric;
  std::optional<int64_t> rule_id;
  std::string colour;  // yellow, red
  std::string reason;
  std::string since_period, last_period;
  std::string opened_at;
  std::optional<std::string> red_at, closed_at;
  std::optional<std::string> acknowledged_at, acknowledged_by_name, ack_note;
};

struct WarningFilter {
  std::optional<std::vector<int64_t>> scope;  // a unit user's units (lead or owner)
  std::optional<std::vector<int64_t>> units;  // lead unit in these
  std::vector<std::string> colours;
  std::optional<std::string> metric;
  // open (default): not closed; unacknowledged / acknowledged: open and (not) acknowledged;
  // closed; all.
  std::string state = "open";
  std::string q;  // the project's name, code, owner or content contains (ASCII case ignored)
};

struct SyncResult {
  int64_t opened = 0, updated = 0, closed = 0, new_red = 0;
};

class WarningStore {
 public:
  explicit WarningStore(db::Database& db) : db_(db) {}

  // Makes the open warnings those of `seen` for `period` (YYYY-MM), in one transaction: a
  // warning not open yet is opened; an open one takes the colour and reason seen now (an
  // acknowledgement stays unless it turned red); an open one not seen is closed. A warning that
  // opens red or turns red sends an in-app message to the users of its lead unit.
  StatusOr<SyncResult> Sync(const std::string& period, const std::vector<SeenWarning>& seen);

  // Red first, then the oldest.
  StatusOr<Page<Warning>> List(const WarningFilter& filter, const PageRequest& page);
  StatusOr<Warning> Get(int64_t id);

  // NotFound "warning.not_found"; Conflict "warning.closed" for a closed warning.
  StatusOr<Warning> Acknowledge(int64_t id, const std::string& note, int64_t user_id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
