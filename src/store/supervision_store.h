// Supervision items (督办事项) and ledger tasks: numbering, lists in a unit's scope, the
// journal of actions applied in one transaction with the messages they send, attachments,
// the per-unit figures, the links to reports and projects, and what the daily reminders read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "domain/supervision.h"
#include "store/page.h"

namespace tuijin::store {

struct UnitRef {
  int64_t id = 0;
  std::string name;
};

struct ProjectRef {
  int64_t id = 0;
  std::optional<std::string> code;
  std::string name;
};

struct ItemSummary {
  int64_t id = 0;
  std::string kind;  // item, task
  std::optional<std::string> number;
  std::optional<int64_t> task_ledger_id, task_seq;
  std::optional<std::string> area;
  std::string title, category, source, priority, status;
  UnitRef lead_unit;
  std::vector<UnitRef> co_units;
  std::vector<ProjectRef> projects;
  std::string issued_on, deadline, original_deadline;
  bool extension_pending = false;
  std::optional<std::string> closed_on;
  std::optional<bool> closed_on_time;
  int64_t created_by = 0;
  std::string updated_at;
};

struct ItemAttachment {
  int64_t id = 0;
  int64_t item_id = 0;
  std::optional<int64_t> action_id;
  std::string sha256, file_name, mime;
  int64_t size = 0;
  std::string created_at;
  std::optional<int64_t> created_by;
};

struct ItemActionRecord {
  int64_t id = 0;
  std::string action;  // create, sign, …
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<std::string> note, deadline_before, deadline_after;
  std::optional<std::string> user_name, unit_name;
  std::string created_at;
  std::vector<ItemAttachment> attachments;
};

struct Extension {
  int64_t id = 0;
  std::string requested_deadline, reason, state;
  std::optional<std::string> requested_by_name, decided_by_name, decided_at, decision_note;
  std::string requested_at;
};

struct Item : ItemSummary {
  std::optional<std::string> description;
  std::string issuing_office;
  std::optional<int64_t> working_days;
  std::optional<int64_t> report_id, meeting_decision_id;
  std::optional<std::string> created_by_name;
  std::string created_at;
  std::optional<std::string> signed_on, reported_done_on;
  int64_t version = 1;
  std::vector<ItemActionRecord> actions;
  std::vector<Extension> extensions;
  std::vector<ItemAttachment> attachments;
};

struct NewItem {
  std::string kind = "item";
  std::string title;
  std::optional<std::string> description;
  std::string category, source, issuing_office;
  int64_t lead_unit_id = 0;
  std::vector<int64_t> co_unit_ids, project_ids;
  std::string issued_on, deadline;
  std::optional<int64_t> working_days;
  std::string priority = "normal";
  std::optional<int64_t> report_id, meeting_decision_id;
  std::optional<int64_t> task_ledger_id, task_seq;
  std::optional<std::string> area;
};

struct ItemEdit {
  std::string title;
  std::optional<std::string> description;
  std::string category, priority;
  std::vector<int64_t> co_unit_ids, project_ids;
  std::optional<int64_t> version;
};

enum class ItemSort { kDeadline, kDeadlineDesc, kNumber, kNumberDesc, kNewest };

struct ItemFilter {
  std::string kind = "item";
  std::vector<std::string> statuses;
  std::optional<std::vector<int64_t>> scope;  // a unit user's units: lead or co-unit in these
  std::optional<std::vector<int64_t>> units;  // lead unit in these
  std::optional<int64_t> issuer;              // created by this user
  std::optional<std::string> overdue_on;      // open, deadline before this day
  // Open, deadline in [first, second] (due soon: today up to the last day within N working days).
  std::optional<std::pair<std::string, std::string>> due_within;
  std::optional<std::string> category, source;
  std::optional<int64_t> project_id, task_ledger_id;
  std::optional<int64_t> year;  // issued in
  std::string q;                // number, title or description contains
  ItemSort sort = ItemSort::kDeadline;
};

// Counts per status in a filter's scope, and the open ones past their deadline.
struct ItemCounts {
  std::map<std::string, int64_t> by_status;
  int64_t overdue = 0;
  int64_t due_soon = 0;  // open, deadline within the window given to Counts
};

// An action as the API checked it; the store checks the state again under the lock.
struct ActionRequest {
  domain::ItemAction action = domain::ItemAction::kSign;
  domain::ItemRole role = domain::ItemRole::kViewer;
  std::string note;
  std::vector<int64_t> attachment_ids;
  std::optional<std::string> requested_deadline;  // request_extension
  std::optional<int64_t> version;
  int64_t user_id = 0;
  std::optional<int64_t> unit_id;  // the unit the user acts for
  std::string today;               // YYYY-MM-DD, +08:00
};

// What the daily reminders read of an open item.
struct OpenItem {
  int64_t id = 0;
  std::string kind;
  std::optional<std::string> number;
  std::string title, issued_on, deadline;
  int64_t lead_unit_id = 0;
  std::vector<int64_t> co_unit_ids;
  std::optional<int64_t> created_by;
};

// An item of a unit for the figures (督办统计).
struct UnitItemFacts {
  int64_t unit_id = 0;
  std::string unit_name;
  std::string status, issued_on, deadline;
  std::optional<std::string> closed_on;
  std::optional<bool> closed_on_time;
};

struct ItemLink {
  int64_t id = 0;
  std::string kind;
  std::optional<std::string> number;
  std::string title, status;
};

class SupervisionStore {
 public:
  explicit SupervisionStore(db::Database& db) : db_(db) {}

  // Numbers an item YYYY-NNN (the year it is issued in) in the creating transaction, journals
  // 下发, tells the lead and co-units' users, and queues the group-robot message.
  StatusOr<Item> Create(const NewItem& item, int64_t user_id);
  // Many tasks of one ledger in one transaction (an import): all or none.
  StatusOr<int64_t> CreateTasks(const std::vector<NewItem>& tasks, int64_t user_id);

  StatusOr<Page<ItemSummary>> List(const ItemFilter& filter, const PageRequest& page);
  // Every item of a filter (an export), capped at `limit`.
  StatusOr<std::vector<ItemSummary>> All(const ItemFilter& filter, int64_t limit);
  // `due_until`: the last deadline that counts as due soon (from today on).
  StatusOr<ItemCounts> Counts(const ItemFilter& filter, const std::string& today, const std::string& due_until);
  // NotFound "supervision.not_found".
  StatusOr<Item> Get(int64_t id);
  // The issuer's edit of an open item. Conflict "supervision.version", "supervision.closed".
  StatusOr<Item> Update(int64_t id, const ItemEdit& edit, int64_t user_id);
  // Applies an action: Conflict "supervision.transition" when the state no longer allows it,
  // "supervision.version" when `version` is stale; InvalidArgument for the extension date or
  // attachments that are not this item's.
  StatusOr<Item> Act(int64_t id, const ActionRequest& request);

  StatusOr<ItemAttachment> AddAttachment(const ItemAttachment& a);
  StatusOr<ItemAttachment> Attachment(int64_t id);

  // Items raised from a report; items per meeting decision.
  StatusOr<std::vector<ItemLink>> ForReport(int64_t report_id);
  StatusOr<std::map<int64_t, std::vector<ItemLink>>> ForDecisions(const std::vector<int64_t>& decision_ids);
  // Open items past their deadline on `today`, per linked project (the 督办逾期 status rule).
  StatusOr<std::map<int64_t, int>> OverdueByProject(const std::string& today);

  StatusOr<std::vector<OpenItem>> OpenItems();
  StatusOr<std::vector<UnitItemFacts>> FactsByLeadUnit(const std::string& kind, std::optional<int64_t> year);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
