// Annual plans (年度计划) with their kept revisions (年中调整), and the district's yearly
// investment target split to units (任务分解). Every write that belongs together is one
// transaction; a batch of plans is saved all or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "db/db.h"
#include "domain/plan_rules.h"
#include "store/page.h"

namespace tuijin::store {

struct Plan : domain::PlanValues {
  int64_t id = 0;
  int64_t project_id = 0;
  int year = 0;
  std::string state;  // draft | issued
  int64_t revision = 0;
  int64_t version = 0;
  std::string updated_at;
};

// A plan as issued (revision 1) or as a mid-year adjustment left it.
struct PlanRevision : domain::PlanValues {
  int64_t revision = 0;
  std::optional<std::string> reason;
  std::optional<std::string> user_name;
  std::string created_at;
};

// What the plan list shows of a project.
struct PlanProject {
  int64_t id = 0;
  std::optional<std::string> code;
  std::string name;
  std::string level;
  std::optional<int64_t> lead_unit_id;
  std::optional<std::string> lead_unit_name;
  Fen total_investment = 0;
  std::string stage;
};

struct PlanRow {
  PlanProject project;
  std::optional<Plan> plan;  // none when the project has no plan for the year
};

// The projects a plan list or a unit's split covers: top-level projects, not cancelled.
struct PlanFilter {
  int year = 0;
  std::string q;  // name or 项目代码 contains
  std::vector<std::string> levels;
  std::vector<int64_t> lead_unit_ids;  // 责任单位 one of these (a unit with its sub-units)
  // Access scope: when set, only projects whose lead or owner unit is one of these.
  std::optional<std::vector<int64_t>> scope_unit_ids;
  PageRequest page;
};

struct PlanList {
  Page<PlanRow> page;
  Fen amount_sum = 0;  // the plans' amounts over the whole filtered set
};

// One plan to save in a batch.
struct PlanWrite {
  int64_t project_id = 0;
  domain::PlanValues values;       // curve already normalized (empty = linear)
  std::optional<int64_t> version;  // required when the plan exists
};

struct DistrictTarget {
  std::optional<Fen> amount;                   // none when not set
  std::vector<std::pair<int64_t, Fen>> units;  // unit id → target
};

// What the split of one year adds up to per unit: the plan amounts of top-level, not
// cancelled projects whose 责任单位 is the unit (not its sub-units: the caller rolls up).
struct UnitPlanSum {
  int64_t lead_unit_id = 0;
  Fen amount = 0;
  int64_t count = 0;  // projects with a plan
};

class PlanStore {
 public:
  explicit PlanStore(db::Database& db) : db_(db) {}

  StatusOr<PlanList> List(const PlanFilter& filter);
  // NotFound "plan.not_found" when the project has no plan for `year`.
  StatusOr<Plan> Get(int64_t project_id, int year);
  // Oldest first.
  StatusOr<std::vector<PlanRevision>> Revisions(int64_t plan_id);

  // Saves the plans of `year` in one transaction, all or nothing. A project without a plan
  // gets a draft. An existing plan is updated only if `version` is current (Conflict
  // "plan.stale" naming the row's version as "<prefix><index>.version" otherwise); a write
  // that changes nothing is skipped. Changing an issued plan needs `reason` (Invalid naming
  // "reason") and is kept as its next revision. `field_prefix` names a row in errors:
  // "items." for a batch (rows by index), "" for a single plan.
  StatusOr<std::vector<Plan>> Save(int year, const std::vector<PlanWrite>& writes,
                                   const std::optional<std::string>& reason, int64_t user_id,
                                   const std::string& field_prefix);
  // Issues (下达) the draft plans of `year`: all of them, or those of `project_ids`. Each
  // becomes revision 1, kept. Returns how many were issued.
  StatusOr<int64_t> Issue(int year, const std::optional<std::vector<int64_t>>& project_ids, int64_t user_id);

  StatusOr<DistrictTarget> Targets(int year);
  // Sets the district target (none: removes it) and the given units' targets (none:
  // removes that unit's), in one transaction. Other units' targets stay.
  Status SetTargets(int year, std::optional<Fen> district_amount,
                    const std::vector<std::pair<int64_t, std::optional<Fen>>>& units, int64_t user_id);
  // Plan amounts of `year` per 责任单位.
  StatusOr<std::vector<UnitPlanSum>> SumsByLeadUnit(int year);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
