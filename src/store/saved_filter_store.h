// Saved list filters (我的筛选): named query strings of one user for one list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct SavedFilter {
  int64_t id = 0;
  std::string name;
  std::string query;
};

class SavedFilterStore {
 public:
  explicit SavedFilterStore(db::Database& db) : db_(db) {}

  // A user's filters for one list ("projects"), by name.
  StatusOr<std::vector<SavedFilter>> List(int64_t user_id, const std::string& scope);
  // Saving under an existing name replaces it.
  StatusOr<SavedFilter> Save(int64_t user_id, const std::string& scope, const std::string& name,
                             const std::string& query);
  // NotFound unless the filter is the user's.
  Status Delete(int64_t user_id, int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
