// Units (单位): the tree of streets, townships, zones, departments, owners and superiors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct Unit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;
  std::optional<std::string> code;
  int64_t sort_order = 0;
  bool enabled = true;
  std::string created_at;
  std::string updated_at;
};

struct UnitInput {
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;
  std::optional<std::string> code;
  int64_t sort_order = 0;
  bool enabled = true;
};

class UnitStore {
 public:
  explicit UnitStore(db::Database& db) : db_(db) {}

  // All units, parents before children, siblings by sort_order then id.
  StatusOr<std::vector<Unit>> List();
  StatusOr<Unit> Get(int64_t id);
  // Fails with Conflict "unit.duplicate_name" when a sibling has the same name, and with
  // InvalidArgument on a parent that does not exist.
  StatusOr<Unit> Create(const UnitInput& in);
  // Also refuses a parent that is the unit itself or one of its descendants.
  StatusOr<Unit> Update(int64_t id, const UnitInput& in);
  // Refuses (Conflict "unit.in_use") while the unit has sub-units or users.
  Status Delete(int64_t id);
  // The unit and all its descendants.
  StatusOr<std::vector<int64_t>> Subtree(int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
