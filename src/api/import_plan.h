// What an import preview decided for every row of a ledger, and the short-lived cache that
// keeps it between the preview and the commit.
//
// A preview of a 10,000-row ledger is paged to the browser from the plan kept here, and the
// commit writes the kept plan instead of reading and checking the file again. A kept plan is
// used only while nothing in the library has changed since it was made: every request that
// may write data bumps Services::data_generation, and a plan made under an older generation
// is rebuilt from the stored upload (the stateless path, also taken after a restart or when
// the plan has expired). Writes that do not pass through this server's API (the CLI on a
// live database, a second server on the same PostgreSQL) do not bump the generation: an
// update in a kept plan still fails on its version (project.stale), but a create matched
// by name could then be written twice. The deployment is one server per database.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/import_layout.h"
#include "store/project_store.h"

namespace tuijin::api {

struct ImportRowPlan {
  int row = 0;                // sheet row, 1-based as in Excel
  std::string action;         // create, update, unchanged, error
  std::optional<int64_t> project_id;
  std::string name;
  std::vector<std::string> values;  // cell text per layout column ("" when empty or unmapped)
  std::vector<std::pair<std::string, std::string>> errors;  // field, message
  std::optional<store::ProjectStore::ImportOp> op;
};

struct ImportPlan {
  std::vector<domain::ImportField> fields;  // what a column may hold (with the dictionary's funding sources)
  domain::SheetLayout layout;
  // The fields the header detection chose, before the user's mapping: a commit naming no
  // mapping matches a plan only if the plan used these.
  std::vector<std::optional<std::string>> detected;
  std::vector<std::string> missing;  // labels of required fields no column maps to
  std::vector<ImportRowPlan> rows;
  std::map<std::string, int> counts;

  int Count(const std::string& action) const {
    auto it = counts.find(action);
    return it == counts.end() ? 0 : it->second;
  }
};

class ImportPlanCache {
 public:
  // At most `capacity` plans, each for at most `ttl_seconds`; the oldest goes first.
  ImportPlanCache(size_t capacity, int64_t ttl_seconds) : capacity_(capacity), ttl_(ttl_seconds) {}

  struct Key {
    std::string import_id;
    int64_t user_id = 0;
    uint64_t generation = 0;
  };
  // Keeps `plan` and returns its id (a random token).
  std::string Put(const Key& key, std::shared_ptr<ImportPlan> plan, int64_t now);
  // The plan with this id if it is the user's, for this import, and not expired.
  std::shared_ptr<const ImportPlan> Get(const std::string& plan_id, const std::string& import_id, int64_t user_id,
                                        int64_t now);
  // Like Get, but removes it, and only if made under `generation`.
  std::shared_ptr<ImportPlan> Take(const std::string& plan_id, const Key& key, int64_t now);

 private:
  struct Entry {
    Key key;
    int64_t created = 0;
    std::shared_ptr<ImportPlan> plan;
  };
  void Expire(int64_t now);  // with mu_ held

  const size_t capacity_;
  const int64_t ttl_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace tuijin::api
