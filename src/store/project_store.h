// Projects (项目库): projects and sub-projects, their units, tags, funding, stage events and
// field history. Every write that belongs together is one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "db/db.h"
#include "db/query.h"
#include "store/page.h"

namespace tuijin::store {

// The fields a user edits. Stage and actual dates are not here: they change by events.
struct ProjectFields {
  std::optional<int64_t> parent_id;
  std::optional<std::string> code;
  std::string name;
  std::optional<int64_t> nature_id, category_id, industry_id;
  std::string level = "district";
  int64_t star = 0;
  std::optional<int64_t> owner_unit_id, lead_unit_id, leader_user_id;
  std::optional<std::string> leader_name;
  std::optional<std::string> contact_name, contact_phone, address;
  std::optional<double> lng, lat;
  std::optional<std::string> content;
  Fen total_investment = 0;
  std::optional<std::string> planned_start, planned_completion;
  bool registered = false;
  std::optional<std::string> registered_date, stats_code, remarks;
  std::vector<int64_t> co_unit_ids;
  std::vector<int64_t> tag_ids;
  std::vector<std::pair<int64_t, Fen>> funding;  // source item id → amount
};

struct Project : ProjectFields {
  int64_t id = 0;
  std::string stage;
  std::optional<std::string> resume_stage;
  std::optional<std::string> actual_start, actual_completion;
  // Reports by ISO week instead of by month (SetWeeklyReporting); not a user-edited field.
  bool weekly_reporting = false;
  int64_t version = 0;
  std::string created_at, updated_at;
  // Joined for display.
  std::optional<std::string> owner_unit_name, lead_unit_name;
  int64_t child_count = 0;
  Fen children_total = 0;  // 总投资 of all descendants
};

struct ProjectFilter {
  std::string q;  // 名称, 项目代码, 建设单位, 建设内容
  std::vector<int64_t> unit_ids;  // lead (责任单位), owner (建设单位) or co-unit (配合单位)
  std::vector<std::string> levels, stages;
  std::vector<int64_t> category_ids, industry_ids, nature_ids, tag_ids;
  std::optional<int64_t> star_min;
  std::optional<int64_t> leader_user_id;
  std::optional<bool> registered;
  std::optional<Fen> total_min, total_max;
  std::optional<std::string> planned_start_from, planned_start_to;
  // Children of this project; top-level projects when not set (unless `all_levels`).
  std::optional<int64_t> parent_id;
  bool all_levels = false;
  // Access scope: when set, only projects whose lead or owner unit is one of these.
  std::optional<std::vector<int64_t>> scope_unit_ids;
  std::string sort;  // "name", "-total_investment", …
  PageRequest page;
};

// Adds to `q` (which selects from projects p) the access scope of a unit user: only projects
// whose 责任单位 or 建设单位 is one of `scope` (none when it is empty); nothing when unset.
// Shared by every store that lists projects (plans, reports).
void WhereInScope(db::Query& q, const std::optional<std::vector<int64_t>>& scope);

// How ForEach groups projects. kNone: one group. kLevel: 省, 市, 区 (any other level with
// 区), three groups. kLeadUnit: one group per entry of `lead_units`, in that order, each
// holding the projects whose 责任单位 is one of its ids; those without one, or with one not
// listed, go to group `others`.
struct ProjectGroups {
  enum class By { kNone, kLevel, kLeadUnit };
  By by = By::kNone;
  std::vector<std::vector<int64_t>> lead_units;
  size_t others = 0;
};

struct ProjectList {
  Page<Project> page;
  Fen total_investment = 0;  // over the whole filtered set
};

// A project as the map (项目作战地图) places it.
struct ProjectPin {
  int64_t id = 0;
  std::string name;
  std::optional<double> lng, lat;  // WGS-84; unset when it has no location yet
  std::string stage;
  Fen total_investment = 0;
  std::optional<int64_t> lead_unit_id;
  std::optional<std::string> lead_unit_name;
};

struct ProjectEvent {
  int64_t id = 0;
  std::optional<std::string> from_stage;
  std::string to_stage;
  std::string event_date;
  std::optional<std::string> reason;
  std::optional<std::string> user_name;
  std::string created_at;
};

struct ProjectChange {
  int64_t id = 0;
  std::string field;
  std::optional<std::string> old_value, new_value;
  std::string source;
  std::optional<std::string> user_name;
  std::string changed_at;
};

// A change of one field, in words, for the history.
struct FieldChange {
  std::string field;
  std::optional<std::string> old_value, new_value;
};

class ProjectStore {
 public:
  explicit ProjectStore(db::Database& db) : db_(db) {}

  StatusOr<ProjectList> List(const ProjectFilter& filter);
  // For exports: the projects `filter` selects (its page ignored), group after group, by
  // the filter's sort within a group, read from one snapshot and collected nowhere.
  // `on_sizes` gets the number of projects in each group first (headings show them), then
  // `on_project` gets each project with its group. A project carries what an export
  // shows: the ProjectFields (co-units, tags and funding included), id, stage and actual
  // dates; not the version, timestamps, joined unit names or child figures. It is refilled
  // for the next one, so `on_project` may move fields out of it. The callbacks must not
  // use this store (the connection is held); an error from one stops the reading and is
  // returned.
  Status ForEach(const ProjectFilter& filter, const ProjectGroups& groups,
                 const std::function<Status(const std::vector<int64_t>& sizes)>& on_sizes,
                 const std::function<Status(size_t group, Project& project)>& on_project);
  StatusOr<Project> Get(int64_t id);
  // Every project `filter` selects (its page and sort ignored), located or not, by id.
  StatusOr<std::vector<ProjectPin>> Pins(const ProjectFilter& filter);
  // Sets (or with both unset, clears) the location, recording it in the history as "location"
  // with `change`, if `version` is current (else Conflict "project.stale"; NotFound).
  StatusOr<Project> SetLocation(int64_t id, int64_t version, std::optional<double> lng, std::optional<double> lat,
                                const FieldChange& change, int64_t user_id);
  // Creates the project and its opening stage events, in order; the project ends at the
  // last step's stage, and its actual start/completion come from the steps.
  struct StageStep {
    std::string to;
    std::string date;
  };
  StatusOr<Project> Create(const ProjectFields& in, const std::vector<StageStep>& steps, int64_t user_id);
  // Replaces the editable fields if `version` is current (else Conflict "project.stale"),
  // recording `changes` (computed by the caller) in the history, all in one transaction.
  StatusOr<Project> Update(int64_t id, int64_t version, const ProjectFields& in, const std::vector<FieldChange>& changes,
                           int64_t user_id, const std::string& source = "edit");
  // Records a stage event and moves the project. The caller has checked the transition
  // against the project at `version`; if it has changed since: Conflict "project.stale".
  // Whether the project reports weekly (week periods) instead of monthly; NotFound when absent.
  Status SetWeeklyReporting(int64_t id, bool weekly);
  StatusOr<Project> ChangeStage(int64_t id, int64_t version, const std::string& to, const std::string& date,
                                const std::string& reason, int64_t user_id);
  // A ledger import, all or nothing: new 业主单位 by name first, then every create and
  // update (an update whose version moved meanwhile fails the whole import).
  struct ImportOp {
    bool create = true;
    int64_t id = 0;
    int64_t version = 0;
    ProjectFields fields;
    std::vector<StageStep> steps;           // create
    std::vector<FieldChange> changes;       // update
    std::optional<std::string> new_owner;   // one of new_owner_units
  };
  struct ImportResult {
    int created = 0;
    int updated = 0;
  };
  StatusOr<ImportResult> Import(const std::vector<std::string>& new_owner_units, std::vector<ImportOp> ops,
                                int64_t user_id);

  // For matching imported rows: every project's id, version, code, name and owner.
  struct Key {
    int64_t id;
    int64_t version;
    std::optional<std::string> code;
    std::string name;
    std::optional<int64_t> owner_unit_id;
  };
  StatusOr<std::vector<Key>> Keys();
  // Several projects by id, with their details.
  StatusOr<std::vector<Project>> GetMany(const std::vector<int64_t>& ids);

  StatusOr<std::vector<ProjectEvent>> Events(int64_t id);
  StatusOr<std::vector<ProjectChange>> Changes(int64_t id);
  // The ids of `id` and all its descendants (for cycle checks).
  StatusOr<std::vector<int64_t>> Subtree(int64_t id);
  StatusOr<std::optional<int64_t>> FindIdByCode(const std::string& code);

 private:
  db::Database& db_;
};

// Inside the caller's transaction (UnitStore, on renaming a unit): projects are found by
// their 建设单位's name, so the search text of its projects is composed again.
void RefreshOwnerSearchIn(soci::session& sql, db::Dialect dialect, int64_t owner_unit_id, const std::string& owner_name);

}  // namespace tuijin::store
