// Task ledgers (工作任务台账): lists of tasks that are not projects; the tasks themselves are
// supervision items of kind "task" (SupervisionStore).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"

namespace tuijin::store {

struct TaskLedger {
  int64_t id = 0;
  std::string name;
  int64_t year = 0;
  std::string issuing_office;
  std::optional<std::string> description;
  std::string created_at;
  int64_t task_count = 0, done = 0, overdue = 0, max_seq = 0;
};

class TaskLedgerStore {
 public:
  explicit TaskLedgerStore(db::Database& db) : db_(db) {}

  // `today` for the overdue counts.
  StatusOr<std::vector<TaskLedger>> List(std::optional<int64_t> year, const std::string& today);
  // NotFound "task_ledger.not_found".
  StatusOr<TaskLedger> Get(int64_t id, const std::string& today);
  StatusOr<TaskLedger> Create(const TaskLedger& l, int64_t user_id, const std::string& today);
  StatusOr<TaskLedger> Update(int64_t id, const TaskLedger& l, const std::string& today);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
