// Meetings (推进会, 周例会, 联席会议, 现场办公) with their decisions (议定事项); a decision becomes a
// supervision item through SupervisionStore::Create with its id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "store/page.h"

namespace tuijin::store {

struct Decision {
  int64_t id = 0;  // 0 for a new one
  int64_t seq = 0;
  std::string content;
  std::optional<int64_t> lead_unit_id;
  std::optional<std::string> lead_unit_name;
  std::optional<std::string> deadline;
};

struct Meeting {
  int64_t id = 0;
  std::string title, kind, held_on;
  std::optional<std::string> location, host, attendees, minutes;
  int64_t version = 1;
  std::string created_at;
  std::optional<std::string> created_by_name;
  int64_t decision_count = 0, item_count = 0;
  std::vector<Decision> decisions;
};

struct MeetingFilter {
  std::optional<std::string> kind, from, to;
  std::string q;
};

class MeetingStore {
 public:
  explicit MeetingStore(db::Database& db) : db_(db) {}

  StatusOr<Page<Meeting>> List(const MeetingFilter& f, const PageRequest& page);
  // NotFound "meeting.not_found".
  StatusOr<Meeting> Get(int64_t id);
  StatusOr<Meeting> Create(const Meeting& m, int64_t user_id);
  // Decisions with an id are updated, without are added, missing ones deleted; Conflict
  // "meeting.decision_has_items" for a missing one that became an item, "meeting.version".
  StatusOr<Meeting> Update(int64_t id, const Meeting& m, std::optional<int64_t> version, int64_t user_id);
  // The decision and its meeting: NotFound "meeting.decision_not_found".
  StatusOr<std::pair<Meeting, Decision>> GetDecision(int64_t decision_id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
