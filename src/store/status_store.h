// The red/yellow/green rule table (红黄绿规则) and what the colours are computed from: each
// project's year (plan, accepted amounts and reports by month). Rules are admin-edited one at
// a time with their version; an empty table is filled with domain::DefaultStatusRules() on
// first read, in one transaction.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "domain/status_rules.h"
#include "store/transaction_step.h"

namespace tuijin::store {

struct StoredRule : domain::StatusRule {
  int64_t version = 0;
  std::string updated_at;
};

// A project as the status list shows it, with its year.
struct StatusProject {
  int64_t id = 0;
  std::optional<std::string> code;
  std::string name;
  std::optional<int64_t> lead_unit_id;
  std::optional<std::string> lead_unit_name;
  std::optional<int64_t> owner_unit_id;  // 建设单位: a unit user of it sees the project too
  int star = 0;  // 攻坚星级
  domain::ProjectYear year;
  std::array<Fen, 12> plan_curve{};  // cumulative plan by month (linear unless shaped)
};

// One project's status for a month as frozen when the month was locked: the colour with its
// reasons and the figures it was computed from.
struct FrozenStatus {
  int64_t project_id = 0;
  domain::ProjectStatus status;
  Fen annual_plan = 0;
  Fen year_to_date = 0;
};

// Computes every project's status for a month from the projects' year (pure: no I/O).
using ComputeStatuses = std::function<std::vector<FrozenStatus>(std::vector<StatusProject>)>;

class StatusStore {
 public:
  explicit StatusStore(db::Database& db) : db_(db) {}

  // In sort order.
  StatusOr<std::vector<StoredRule>> Rules();
  // Creates the rule (id 0) or updates it at `version` (Conflict "rule.stale" when it moved,
  // NotFound "rule.not_found").
  StatusOr<StoredRule> SaveRule(const StoredRule& rule, int64_t user_id);
  // NotFound "rule.not_found".
  Status DeleteRule(int64_t id);

  // The top-level, not cancelled projects (of `scope`'s units, when set) with their `year`:
  // the annual plan, the accepted amounts counted in each month, the months with a report
  // submitted or accepted, and the first month they had to report (the month they were
  // entered, in the year they were entered).
  StatusOr<std::vector<StatusProject>> Year(int year, const std::optional<std::vector<int64_t>>& scope);

  // The step that freezes month `period` ("YYYY-MM") of `year` when it is locked: reads every
  // project's year in the lock's transaction, computes with `compute` and stores the result,
  // unless the month was frozen before (the first lock is what was published: a correction
  // made after an unlock shows in the next month, not here).
  InTransaction Freezer(std::string period, int year, ComputeStatuses compute);

  // The statuses frozen for `period`, by project id; empty when it was never locked.
  StatusOr<std::map<int64_t, FrozenStatus>> Frozen(const std::string& period);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
