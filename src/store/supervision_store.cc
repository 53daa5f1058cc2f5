#include "store/supervision_store.h"

#include <fmt/format.h>

#include <set>

#include "base/text.h"
#include "base/time.h"
#include "db/query.h"
#include "domain/work_calendar.h"
#include "store/delivery_store.h"
#include "store/notification_store.h"

namespace tuijin::store {
namespace {

using domain::ItemAction;
using domain::ItemStatus;

constexpr const char* kSummarySelect =
    "SELECT i.id, i.kind, i.number, i.task_ledger_id, i.task_seq, i.area, i.title, i.category, i.source, i.priority, "
    "i.status, i.lead_unit_id, u.name, i.issued_on, i.deadline, i.original_deadline, "
    "(SELECT COUNT(*) FROM supervision_extensions e WHERE e.item_id = i.id AND e.state = 'pending'), "
    "i.closed_on, i.closed_on_time, i.created_by, i.updated_at "
    "FROM supervision_items i JOIN units u ON u.id = i.lead_unit_id";

struct SummaryRow {
  ItemSummary s;
  int64_t pending = 0;
  std::optional<int> on_time;
  std::optional<int64_t> created_by;
};

void IntoSummary(soci::statement& st, SummaryRow& r) {
  st.exchange(soci::into(r.s.id));
  st.exchange(soci::into(r.s.kind));
  st.exchange(soci::into(r.s.number));
  st.exchange(soci::into(r.s.task_ledger_id));
  st.exchange(soci::into(r.s.task_seq));
  st.exchange(soci::into(r.s.area));
  st.exchange(soci::into(r.s.title));
  st.exchange(soci::into(r.s.category));
  st.exchange(soci::into(r.s.source));
  st.exchange(soci::into(r.s.priority));
  st.exchange(soci::into(r.s.status));
  st.exchange(soci::into(r.s.lead_unit.id));
  st.exchange(soci::into(r.s.lead_unit.name));
  st.exchange(soci::into(r.s.issued_on));
  st.exchange(soci::into(r.s.deadline));
  st.exchange(soci::into(r.s.original_deadline));
  st.exchange(soci::into(r.pending));
  st.exchange(soci::into(r.s.closed_on));
  st.exchange(soci::into(r.on_time));
  st.exchange(soci::into(r.created_by));
  st.exchange(soci::into(r.s.updated_at));
}

ItemSummary Finish(const SummaryRow& r) {
  ItemSummary s = r.s;
  s.extension_pending = r.pending > 0;
  if (r.on_time) s.closed_on_time = *r.on_time != 0;
  s.created_by = r.created_by.value_or(0);
  return s;
}

// Co-units and projects of these items, by item.
void FillRefs(soci::session& sql, std::vector<ItemSummary>& items) {
  if (items.empty()) return;
  std::vector<int64_t> ids;
  std::map<int64_t, ItemSummary*> by_id;
  for (auto& i : items) {
    ids.push_back(i.id);
    by_id[i.id] = &i;
  }
  {
    db::Query q("SELECT c.item_id, c.unit_id, u.name FROM supervision_co_units c JOIN units u ON u.id = c.unit_id");
    q.Where("c.item_id IN (" + q.BindList(ids) + ")");
    q.Append(" ORDER BY c.item_id, u.sort_order, u.id");
    int64_t item_id = 0;
    UnitRef u;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(item_id));
      s.exchange(soci::into(u.id));
      s.exchange(soci::into(u.name));
    });
    st.execute();
    while (st.fetch()) by_id[item_id]->co_units.push_back(u);
  }
  {
    db::Query q("SELECT sp.item_id, p.id, p.code, p.name FROM supervision_projects sp JOIN projects p ON p.id = sp.project_id");
    q.Where("sp.item_id IN (" + q.BindList(ids) + ")");
    q.Append(" ORDER BY sp.item_id, p.id");
    int64_t item_id = 0;
    ProjectRef p;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(item_id));
      s.exchange(soci::into(p.id));
      s.exchange(soci::into(p.code));
      s.exchange(soci::into(p.name));
    });
    st.execute();
    while (st.fetch()) by_id[item_id]->projects.push_back(p);
  }
}

void ApplyFilter(db::Query& q, const ItemFilter& f) {
  q.Where("i.kind = " + q.Bind(f.kind));
  if (f.scope) {
    if (f.scope->empty()) {
      q.Where("1 = 0");
    } else {
      const std::string list = q.BindList(*f.scope);
      const std::string list2 = q.BindList(*f.scope);
      q.Where("(i.lead_unit_id IN (" + list + ") OR EXISTS (SELECT 1 FROM supervision_co_units c WHERE c.item_id = i.id "
              "AND c.unit_id IN (" + list2 + ")))");
    }
  }
  if (f.units) {
    if (f.units->empty()) q.Where("1 = 0");
    else q.Where("i.lead_unit_id IN (" + q.BindList(*f.units) + ")");
  }
  if (!f.statuses.empty()) q.Where("i.status IN (" + q.BindList(f.statuses) + ")");
  if (f.issuer) q.Where("i.created_by = " + q.Bind(*f.issuer));
  if (f.overdue_on) {
    q.Where("i.status NOT IN ('done','cancelled')").Where("i.deadline < " + q.Bind(*f.overdue_on));
  }
  if (f.due_within) {
    q.Where("i.status NOT IN ('done','cancelled')")
        .Where("i.deadline >= " + q.Bind(f.due_within->first))
        .Where("i.deadline <= " + q.Bind(f.due_within->second));
  }
  if (f.category) q.Where("i.category = " + q.Bind(*f.category));
  if (f.source) q.Where("i.source = " + q.Bind(*f.source));
  if (f.project_id) {
    q.Where("EXISTS (SELECT 1 FROM supervision_projects sp WHERE sp.item_id = i.id AND sp.project_id = " +
            q.Bind(*f.project_id) + ")");
  }
  if (f.task_ledger_id) q.Where("i.task_ledger_id = " + q.Bind(*f.task_ledger_id));
  if (f.year) {
    q.Where("i.issued_on >= " + q.Bind(fmt::format("{}-01-01", *f.year)))
        .Where("i.issued_on <= " + q.Bind(fmt::format("{}-12-31", *f.year)));
  }
  if (!f.q.empty()) {
    const std::string a = q.BindContains(f.q), b = q.BindContains(f.q), c = q.BindContains(f.q);
    q.Where("(i.title LIKE " + a + " ESCAPE '\\' OR COALESCE(i.description, '') LIKE " + b +
            " ESCAPE '\\' OR COALESCE(i.number, '') LIKE " + c + " ESCAPE '\\')");
  }
}

std::string OrderBy(ItemSort sort, const std::string& kind) {
  switch (sort) {
    case ItemSort::kDeadlineDesc:
      return " ORDER BY i.deadline DESC, i.id DESC";
    case ItemSort::kNumber:
      return kind == "task" ? " ORDER BY i.task_seq, i.id" : " ORDER BY i.number, i.id";
    case ItemSort::kNumberDesc:
      return kind == "task" ? " ORDER BY i.task_seq DESC, i.id DESC" : " ORDER BY i.number DESC, i.id DESC";
    case ItemSort::kNewest:
      return " ORDER BY i.id DESC";
    case ItemSort::kDeadline:
      break;
  }
  // Open ones first, the nearest deadline first.
  return " ORDER BY CASE WHEN i.status IN ('done','cancelled') THEN 1 ELSE 0 END, i.deadline, i.id";
}

std::vector<ItemSummary> Summaries(soci::session& sql, db::Query& q) {
  SummaryRow r;
  auto rows = q.FetchAll(sql, r, [&](soci::statement& s) { IntoSummary(s, r); });
  std::vector<ItemSummary> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(Finish(row));
  FillRefs(sql, out);
  return out;
}

std::vector<ItemAttachment> LoadAttachments(soci::session& sql, int64_t item_id) {
  db::Query q("SELECT id, item_id, action_id, sha256, file_name, mime, size, created_at, created_by "
              "FROM supervision_attachments");
  q.Where("item_id = " + q.Bind(item_id));
  q.Append(" ORDER BY id");
  ItemAttachment a;
  return q.FetchAll(sql, a, [&](soci::statement& s) {
    s.exchange(soci::into(a.id));
    s.exchange(soci::into(a.item_id));
    s.exchange(soci::into(a.action_id));
    s.exchange(soci::into(a.sha256));
    s.exchange(soci::into(a.file_name));
    s.exchange(soci::into(a.mime));
    s.exchange(soci::into(a.size));
    s.exchange(soci::into(a.created_at));
    s.exchange(soci::into(a.created_by));
  });
}

std::optional<Item> Load(soci::session& sql, int64_t id) {
  db::Query q(kSummarySelect);
  q.Where("i.id = " + q.Bind(id));
  auto rows = Summaries(sql, q);
  if (rows.empty()) return std::nullopt;
  Item item;
  static_cast<ItemSummary&>(item) = rows.front();
  sql << "SELECT i.description, i.issuing_office, i.working_days, i.report_id, i.meeting_decision_id, c.display_name, "
         "i.created_at, i.signed_on, i.reported_done_on, i.version "
         "FROM supervision_items i LEFT JOIN users c ON c.id = i.created_by WHERE i.id = :id",
      soci::use(id), soci::into(item.description), soci::into(item.issuing_office), soci::into(item.working_days),
      soci::into(item.report_id), soci::into(item.meeting_decision_id), soci::into(item.created_by_name),
      soci::into(item.created_at), soci::into(item.signed_on), soci::into(item.reported_done_on),
      soci::into(item.version);
  {
    db::Query a("SELECT a.id, a.action, a.from_status, a.to_status, a.note, a.deadline_before, a.deadline_after, "
                "us.display_name, un.name, a.created_at FROM supervision_actions a "
                "LEFT JOIN users us ON us.id = a.user_id LEFT JOIN units un ON un.id = a.unit_id");
    a.Where("a.item_id = " + a.Bind(id));
    a.Append(" ORDER BY a.id");
    ItemActionRecord r;
    item.actions = a.FetchAll(sql, r, [&](soci::statement& s) {
      s.exchange(soci::into(r.id));
      s.exchange(soci::into(r.action));
      s.exchange(soci::into(r.from_status));
      s.exchange(soci::into(r.to_status));
      s.exchange(soci::into(r.note));
      s.exchange(soci::into(r.deadline_before));
      s.exchange(soci::into(r.deadline_after));
      s.exchange(soci::into(r.user_name));
      s.exchange(soci::into(r.unit_name));
      s.exchange(soci::into(r.created_at));
    });
  }
  {
    db::Query e("SELECT e.id, e.requested_deadline, e.reason, e.state, r.display_name, d.display_name, e.decided_at, "
                "e.decision_note, e.requested_at FROM supervision_extensions e "
                "LEFT JOIN users r ON r.id = e.requested_by LEFT JOIN users d ON d.id = e.decided_by");
    e.Where("e.item_id = " + e.Bind(id));
    e.Append(" ORDER BY e.id");
    Extension x;
    item.extensions = e.FetchAll(sql, x, [&](soci::statement& s) {
      s.exchange(soci::into(x.id));
      s.exchange(soci::into(x.requested_deadline));
      s.exchange(soci::into(x.reason));
      s.exchange(soci::into(x.state));
      s.exchange(soci::into(x.requested_by_name));
      s.exchange(soci::into(x.decided_by_name));
      s.exchange(soci::into(x.decided_at));
      s.exchange(soci::into(x.decision_note));
      s.exchange(soci::into(x.requested_at));
    });
  }
  item.attachments = LoadAttachments(sql, id);
  std::map<int64_t, ItemActionRecord*> by_action;
  for (auto& a : item.actions) by_action[a.id] = &a;
  for (const auto& att : item.attachments) {
    if (att.action_id && by_action.count(*att.action_id)) by_action[*att.action_id]->attachments.push_back(att);
  }
  return item;
}

std::string ItemName(const std::optional<std::string>& number, const std::string& title) {
  return number ? fmt::format("〔{}〕{}", *number, title) : title;
}

int64_t InsertAction(soci::session& sql, int64_t item_id, std::string_view action, std::optional<std::string> from,
                     const std::string& to, const std::string& note, std::optional<std::string> before,
                     std::optional<std::string> after, int64_t user_id, std::optional<int64_t> unit_id,
                     const std::string& now) {
  const std::string action_s(action);
  std::optional<std::string> note_o;
  if (!note.empty()) note_o = note;
  return db::InsertReturningId(
      sql,
      "INSERT INTO supervision_actions (item_id, action, from_status, to_status, note, deadline_before, deadline_after, "
      "user_id, unit_id, created_at) VALUES (:i, :a, :f, :t, :n, :b, :d, :u, :un, :c) RETURNING id",
      [&](soci::statement& s) {
        s.exchange(soci::use(item_id));
        s.exchange(soci::use(action_s));
        s.exchange(soci::use(from));
        s.exchange(soci::use(to));
        s.exchange(soci::use(note_o));
        s.exchange(soci::use(before));
        s.exchange(soci::use(after));
        s.exchange(soci::use(user_id));
        s.exchange(soci::use(unit_id));
        s.exchange(soci::use(now));
      });
}

void InsertRefs(soci::session& sql, int64_t item_id, const std::vector<int64_t>& co_units,
                const std::vector<int64_t>& projects) {
  for (int64_t u : std::set<int64_t>(co_units.begin(), co_units.end())) {
    sql << "INSERT INTO supervision_co_units (item_id, unit_id) VALUES (:i, :u)", soci::use(item_id), soci::use(u);
  }
  for (int64_t p : std::set<int64_t>(projects.begin(), projects.end())) {
    sql << "INSERT INTO supervision_projects (item_id, project_id) VALUES (:i, :p)", soci::use(item_id), soci::use(p);
  }
}

// Takes the next number of `year` inside the transaction: the counter row is locked by the
// UPDATE until commit, so concurrent creations queue and no number is skipped or repeated.
std::string NextNumber(soci::session& sql, int year) {
  int existing = 0;
  sql << "SELECT COUNT(*) FROM supervision_counters WHERE year = :y", soci::use(year), soci::into(existing);
  if (existing == 0) {
    sql << "INSERT INTO supervision_counters (year, last) VALUES (:y, 0) ON CONFLICT (year) DO NOTHING", soci::use(year);
  }
  sql << "UPDATE supervision_counters SET last = last + 1 WHERE year = :y", soci::use(year);
  int last = 0;
  sql << "SELECT last FROM supervision_counters WHERE year = :y", soci::use(year), soci::into(last);
  return fmt::format("{}-{:03d}", year, last);
}

// The unit a user belongs to, for the journal (staff act for the bureau's unit).
std::optional<int64_t> UnitOfUser(soci::session& sql, int64_t user_id) {
  std::optional<int64_t> unit;
  sql << "SELECT unit_id FROM users WHERE id = :u", soci::use(user_id), soci::into(unit);
  return unit;
}

int64_t InsertItem(soci::session& sql, const NewItem& n, const std::optional<std::string>& number, int64_t user_id,
                   const std::string& now) {
  const std::string status(domain::StatusKey(ItemStatus::kPendingReceipt));
  const int64_t id = db::InsertReturningId(
      sql,
      "INSERT INTO supervision_items (kind, number, task_ledger_id, task_seq, area, title, description, category, source, "
      "issuing_office, lead_unit_id, issued_on, deadline, original_deadline, working_days, priority, status, report_id, "
      "meeting_decision_id, created_at, created_by, updated_at) VALUES (:k, :no, :l, :q, :ar, :t, :d, :c, :s, :o, :u, "
      ":io, :dl, :od, :wd, :p, :st, :r, :m, :ca, :cb, :ua) RETURNING id",
      [&](soci::statement& s) {
        s.exchange(soci::use(n.kind));
        s.exchange(soci::use(number));
        s.exchange(soci::use(n.task_ledger_id));
        s.exchange(soci::use(n.task_seq));
        s.exchange(soci::use(n.area));
        s.exchange(soci::use(n.title));
        s.exchange(soci::use(n.description));
        s.exchange(soci::use(n.category));
        s.exchange(soci::use(n.source));
        s.exchange(soci::use(n.issuing_office));
        s.exchange(soci::use(n.lead_unit_id));
        s.exchange(soci::use(n.issued_on));
        s.exchange(soci::use(n.deadline));
        s.exchange(soci::use(n.deadline));
        s.exchange(soci::use(n.working_days));
        s.exchange(soci::use(n.priority));
        s.exchange(soci::use(status));
        s.exchange(soci::use(n.report_id));
        s.exchange(soci::use(n.meeting_decision_id));
        s.exchange(soci::use(now));
        s.exchange(soci::use(user_id));
        s.exchange(soci::use(now));
      });
  InsertRefs(sql, id, n.co_unit_ids, n.project_ids);
  InsertAction(sql, id, "create", std::nullopt, status, "", std::nullopt, n.deadline, user_id, UnitOfUser(sql, user_id),
               now);
  return id;
}

std::string Link(int64_t id) { return fmt::format("/supervision/{}", id); }

std::vector<int64_t> UnitsOf(const ItemSummary& s, bool with_co) {
  std::vector<int64_t> out{s.lead_unit.id};
  if (with_co) {
    for (const auto& u : s.co_units) out.push_back(u.id);
  }
  return out;
}

void NotifyUser(soci::session& sql, int64_t user_id, const NewNotification& n, int64_t sender) {
  if (user_id == 0 || user_id == sender) return;
  InsertForUser(sql, user_id, n, sender);
}

// Who hears of an action, and what: the issuing user, the lead unit, or the lead and co-units.
enum class Audience { kIssuer, kLead, kLeadAndCo };
struct ActionNotice {
  ItemAction action;
  Audience audience;
  const char* title;  // followed by the item's name
};
constexpr ActionNotice kNotices[] = {
    {ItemAction::kReportDone, Audience::kIssuer, "督办事项已报办结,请核验:"},
    {ItemAction::kRequestExtension, Audience::kIssuer, "督办事项申请延期:"},
    {ItemAction::kVerify, Audience::kLead, "督办事项已核验办结:"},
    {ItemAction::kReturn, Audience::kLead, "督办事项办结情况被退回,请继续办理:"},
    {ItemAction::kGrantExtension, Audience::kLead, "督办事项延期申请已同意:"},
    {ItemAction::kRefuseExtension, Audience::kLead, "督办事项延期申请未同意:"},
    {ItemAction::kUrge, Audience::kLeadAndCo, "催办:"},
    {ItemAction::kCancel, Audience::kLeadAndCo, "督办事项已撤销:"},
};

// The in-app message an action sends to the other side (none for signing and progress).
void NotifyAction(soci::session& sql, const Item& item, ItemAction action, const ActionRequest& req) {
  for (const ActionNotice& notice : kNotices) {
    if (notice.action != action) continue;
    NewNotification n;
    n.kind = "supervision";
    n.link = Link(item.id);
    if (!req.note.empty()) n.body = req.note;
    n.title = notice.title + ItemName(item.number, item.title);
    if (action == ItemAction::kRequestExtension) n.title += "(申请延期至 " + req.requested_deadline.value_or("") + ")";
    if (notice.audience == Audience::kIssuer) NotifyUser(sql, item.created_by, n, req.user_id);
    else InsertForUnitUsers(sql, UnitsOf(item, notice.audience == Audience::kLeadAndCo), n, req.user_id);
  }
}

}  // namespace

StatusOr<Item> SupervisionStore::Create(const NewItem& n, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Item> {
    db::Transaction tx(sql, db_.dialect());
    const int year = std::stoi(n.issued_on.substr(0, 4));
    const std::string number = NextNumber(sql, year);
    const std::string now = NowTimestamp();
    const int64_t id = InsertItem(sql, n, number, user_id, now);
    Item item = *Load(sql, id);
    NewNotification note;
    note.kind = "supervision";
    note.title = fmt::format("新督办事项〔{}〕{},办理时限 {}", number, n.title, n.deadline);
    note.body = n.description;
    note.link = Link(id);
    InsertForUnitUsers(sql, UnitsOf(item, true), note, user_id);
    std::string co;
    for (const auto& u : item.co_units) co += (co.empty() ? "" : "、") + u.name;
    QueueWebhook(sql, "supervision.issued", fmt::format("新督办事项 {}", number),
                 fmt::format("### 新督办事项〔{}〕\n**{}**\n> 牵头单位:{}\n> 配合单位:{}\n> 办理时限:{}\n> 下发单位:{}",
                             number, n.title, item.lead_unit.name, co.empty() ? "无" : co, n.deadline,
                             n.issuing_office));
    tx.Commit();
    return item;
  });
}

StatusOr<int64_t> SupervisionStore::CreateTasks(const std::vector<NewItem>& tasks, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    std::map<int64_t, int64_t> per_unit;
    for (const NewItem& t : tasks) {
      InsertItem(sql, t, std::nullopt, user_id, now);
      ++per_unit[t.lead_unit_id];
      for (int64_t u : t.co_unit_ids) ++per_unit[u];
    }
    for (const auto& [unit, count] : per_unit) {
      NewNotification note;
      note.kind = "supervision";
      note.title = fmt::format("工作任务台账新下达 {} 项任务", count);
      note.link = tasks.empty() || !tasks.front().task_ledger_id
                      ? std::optional<std::string>()
                      : std::optional<std::string>(fmt::format("/task-ledgers/{}", *tasks.front().task_ledger_id));
      InsertForUnitUsers(sql, {unit}, note, user_id);
    }
    tx.Commit();
    return static_cast<int64_t>(tasks.size());
  });
}

StatusOr<Page<ItemSummary>> SupervisionStore::List(const ItemFilter& f, const PageRequest& page) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<ItemSummary>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    Page<ItemSummary> out;
    db::Query count("SELECT COUNT(*) FROM supervision_items i");
    ApplyFilter(count, f);
    soci::statement cs = count.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
    cs.execute(true);
    db::Query q(kSummarySelect);
    ApplyFilter(q, f);
    q.Append(OrderBy(f.sort, f.kind));
    q.Append(" LIMIT " + q.Bind(page.page_size) + " OFFSET " + q.Bind(page.Offset()));
    out.items = Summaries(sql, q);
    return out;
  });
}

StatusOr<std::vector<ItemSummary>> SupervisionStore::All(const ItemFilter& f, int64_t limit) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ItemSummary>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    db::Query q(kSummarySelect);
    ApplyFilter(q, f);
    q.Append(OrderBy(f.sort, f.kind));
    q.Append(" LIMIT " + q.Bind(limit));
    return Summaries(sql, q);
  });
}

StatusOr<ItemCounts> SupervisionStore::Counts(const ItemFilter& f, const std::string& today,
                                              const std::string& due_until) {
  return db_.Run([&](soci::session& sql) -> StatusOr<ItemCounts> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    ItemCounts out;
    db::Query q("SELECT i.status, COUNT(*), SUM(CASE WHEN i.deadline < ");
    q.Append(q.Bind(today) + " THEN 1 ELSE 0 END), SUM(CASE WHEN i.deadline >= " + q.Bind(today) +
             " AND i.deadline <= " + q.Bind(due_until) + " THEN 1 ELSE 0 END) FROM supervision_items i");
    ApplyFilter(q, f);
    q.Append(" GROUP BY i.status");
    std::string status;
    int64_t n = 0, late = 0, soon = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(status));
      s.exchange(soci::into(n));
      s.exchange(soci::into(late));
      s.exchange(soci::into(soon));
    });
    st.execute();
    while (st.fetch()) {
      out.by_status[status] = n;
      if (domain::IsOpen(*domain::ParseStatus(status))) {
        out.overdue += late;
        out.due_soon += soon;
      }
    }
    return out;
  });
}

StatusOr<Item> SupervisionStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Item> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    auto item = Load(sql, id);
    if (!item) return Status::NotFound("supervision.not_found", "督办事项不存在");
    return *item;
  });
}

StatusOr<Item> SupervisionStore::Update(int64_t id, const ItemEdit& e, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Item> {
    db::Transaction tx(sql, db_.dialect());
    auto item = Load(sql, id);
    if (!item) return Status::NotFound("supervision.not_found", "督办事项不存在");
    if (!domain::IsOpen(*domain::ParseStatus(item->status))) {
      return Status::Conflict("supervision.closed", "已办结或已撤销的督办事项不能再修改");
    }
    if (e.version && *e.version != item->version) {
      return Status::Conflict("supervision.version", "该督办事项已被他人修改,请刷新后再试");
    }
    const std::string now = NowTimestamp();
    sql << "UPDATE supervision_items SET title = :t, description = :d, category = :c, priority = :p, "
           "version = version + 1, updated_at = :u WHERE id = :id",
        soci::use(e.title), soci::use(e.description), soci::use(e.category), soci::use(e.priority), soci::use(now),
        soci::use(id);
    sql << "DELETE FROM supervision_co_units WHERE item_id = :id", soci::use(id);
    sql << "DELETE FROM supervision_projects WHERE item_id = :id", soci::use(id);
    InsertRefs(sql, id, e.co_unit_ids, e.project_ids);
    InsertAction(sql, id, "edit", item->status, item->status, "修改事项信息", std::nullopt, std::nullopt, user_id,
                 UnitOfUser(sql, user_id), now);
    tx.Commit();
    return *Load(sql, id);
  });
}

StatusOr<Item> SupervisionStore::Act(int64_t id, const ActionRequest& req) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Item> {
    db::Transaction tx(sql, db_.dialect());
    // Lock the row first (PostgreSQL); SQLite holds the write lock since BEGIN IMMEDIATE.
    int exists = 0;
    if (db_.is_postgres()) {
      sql << "SELECT COUNT(*) FROM (SELECT id FROM supervision_items WHERE id = :id FOR UPDATE) x", soci::use(id),
          soci::into(exists);
    } else {
      sql << "SELECT COUNT(*) FROM supervision_items WHERE id = :id", soci::use(id), soci::into(exists);
    }
    if (exists == 0) return Status::NotFound("supervision.not_found", "督办事项不存在");
    Item item = *Load(sql, id);
    if (req.version && *req.version != item.version) {
      return Status::Conflict("supervision.version", "该督办事项已有新的办理记录,请刷新后再试");
    }
    const ItemStatus from = *domain::ParseStatus(item.status);
    const domain::ItemState state{from, item.extension_pending};
    if (domain::Check(req.action, req.role, state) == domain::Refusal::kWrongState) {
      return Status::Conflict("supervision.transition",
                              fmt::format("督办事项{}时不能{}", domain::StatusLabel(from), domain::ActionLabel(req.action)));
    }
    const ItemStatus to = domain::After(req.action, from);
    const std::string from_key(domain::StatusKey(from)), to_key(domain::StatusKey(to));
    const std::string now = NowTimestamp();
    std::optional<std::string> before, after;
    std::optional<int64_t> pending_id;
    if (item.extension_pending) {
      for (const auto& x : item.extensions) {
        if (x.state == "pending") pending_id = x.id;
      }
    }
    switch (req.action) {
      case ItemAction::kSign:
        sql << "UPDATE supervision_items SET signed_on = :d WHERE id = :id", soci::use(req.today), soci::use(id);
        break;
      case ItemAction::kReportDone:
        sql << "UPDATE supervision_items SET reported_done_on = :d WHERE id = :id", soci::use(req.today), soci::use(id);
        break;
      case ItemAction::kVerify: {
        const int on_time = item.reported_done_on.value_or(req.today) <= item.deadline ? 1 : 0;
        sql << "UPDATE supervision_items SET closed_on = :d, closed_on_time = :o WHERE id = :id", soci::use(req.today),
            soci::use(on_time), soci::use(id);
        break;
      }
      case ItemAction::kCancel:
        sql << "UPDATE supervision_items SET closed_on = :d WHERE id = :id", soci::use(req.today), soci::use(id);
        sql << "UPDATE supervision_extensions SET state = 'refused', decided_by = :u, decided_at = :t, "
               "decision_note = '事项已撤销' WHERE item_id = :id AND state = 'pending'",
            soci::use(req.user_id), soci::use(now), soci::use(id);
        break;
      case ItemAction::kRequestExtension: {
        const std::string wanted = req.requested_deadline.value_or("");
        if (wanted <= item.deadline) {
          return Status::Invalid({{"requested_deadline", "延期后的时限应晚于当前办理时限 " + item.deadline}});
        }
        sql << "INSERT INTO supervision_extensions (item_id, requested_deadline, reason, state, requested_by, "
               "requested_at) VALUES (:i, :d, :r, 'pending', :u, :t)",
            soci::use(id), soci::use(wanted), soci::use(req.note), soci::use(req.user_id), soci::use(now);
        before = item.deadline;
        after = wanted;
        break;
      }
      case ItemAction::kGrantExtension:
      case ItemAction::kRefuseExtension: {
        const bool grant = req.action == ItemAction::kGrantExtension;
        std::string wanted;
        sql << "SELECT requested_deadline FROM supervision_extensions WHERE id = :id", soci::use(*pending_id),
            soci::into(wanted);
        std::optional<std::string> note_o;
        if (!req.note.empty()) note_o = req.note;
        const std::string new_state = grant ? "granted" : "refused";
        sql << "UPDATE supervision_extensions SET state = :s, decided_by = :u, decided_at = :t, decision_note = :n "
               "WHERE id = :id",
            soci::use(new_state), soci::use(req.user_id), soci::use(now), soci::use(note_o), soci::use(*pending_id);
        if (grant) {
          sql << "UPDATE supervision_items SET deadline = :d WHERE id = :id", soci::use(wanted), soci::use(id);
          before = item.deadline;
          after = wanted;
        }
        break;
      }
      default:
        break;
    }
    sql << "UPDATE supervision_items SET status = :s, version = version + 1, updated_at = :t WHERE id = :id",
        soci::use(to_key), soci::use(now), soci::use(id);
    const int64_t action_id = InsertAction(sql, id, domain::ActionKey(req.action), from_key, to_key, req.note, before,
                                           after, req.user_id, req.unit_id, now);
    for (int64_t a : req.attachment_ids) {
      soci::statement st = (sql.prepare << "UPDATE supervision_attachments SET action_id = :a "
                                           "WHERE id = :id AND item_id = :i AND action_id IS NULL",
                            soci::use(action_id), soci::use(a), soci::use(id));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Invalid({{"attachment_ids", fmt::format("附件 {} 不属于本事项或已随其他记录提交", a)}});
      }
    }
    NotifyAction(sql, item, req.action, req);
    tx.Commit();
    return *Load(sql, id);
  });
}

StatusOr<ItemAttachment> SupervisionStore::AddAttachment(const ItemAttachment& a) {
  return db_.Run([&](soci::session& sql) -> StatusOr<ItemAttachment> {
    db::Transaction tx(sql, db_.dialect());
    ItemAttachment out = a;
    out.created_at = NowTimestamp();
    out.id = db::InsertReturningId(
        sql,
        "INSERT INTO supervision_attachments (item_id, sha256, file_name, mime, size, created_at, created_by) "
        "VALUES (:i, :s, :f, :m, :z, :c, :u) RETURNING id",
        [&](soci::statement& s) {
          s.exchange(soci::use(out.item_id));
          s.exchange(soci::use(out.sha256));
          s.exchange(soci::use(out.file_name));
          s.exchange(soci::use(out.mime));
          s.exchange(soci::use(out.size));
          s.exchange(soci::use(out.created_at));
          s.exchange(soci::use(out.created_by));
        });
    tx.Commit();
    return out;
  });
}

StatusOr<ItemAttachment> SupervisionStore::Attachment(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<ItemAttachment> {
    int64_t item_id = 0;
    sql << "SELECT item_id FROM supervision_attachments WHERE id = :id", soci::use(id), soci::into(item_id);
    if (!sql.got_data()) return Status::NotFound("supervision.attachment_not_found", "附件不存在");
    for (auto& a : LoadAttachments(sql, item_id)) {
      if (a.id == id) return a;
    }
    return Status::NotFound("supervision.attachment_not_found", "附件不存在");
  });
}

StatusOr<std::vector<ItemLink>> SupervisionStore::ForReport(int64_t report_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ItemLink>> {
    db::Query q("SELECT id, kind, number, title, status FROM supervision_items");
    q.Where("report_id = " + q.Bind(report_id));
    q.Append(" ORDER BY id");
    ItemLink l;
    return q.FetchAll(sql, l, [&](soci::statement& s) {
      s.exchange(soci::into(l.id));
      s.exchange(soci::into(l.kind));
      s.exchange(soci::into(l.number));
      s.exchange(soci::into(l.title));
      s.exchange(soci::into(l.status));
    });
  });
}

StatusOr<std::map<int64_t, std::vector<ItemLink>>> SupervisionStore::ForDecisions(const std::vector<int64_t>& ids) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::map<int64_t, std::vector<ItemLink>>> {
    std::map<int64_t, std::vector<ItemLink>> out;
    if (ids.empty()) return out;
    db::Query q("SELECT meeting_decision_id, id, kind, number, title, status FROM supervision_items");
    q.Where("meeting_decision_id IN (" + q.BindList(ids) + ")");
    q.Append(" ORDER BY id");
    int64_t decision = 0;
    ItemLink l;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(decision));
      s.exchange(soci::into(l.id));
      s.exchange(soci::into(l.kind));
      s.exchange(soci::into(l.number));
      s.exchange(soci::into(l.title));
      s.exchange(soci::into(l.status));
    });
    st.execute();
    while (st.fetch()) out[decision].push_back(l);
    return out;
  });
}

StatusOr<std::map<int64_t, int>> SupervisionStore::OverdueByProject(const std::string& today) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::map<int64_t, int>> {
    std::map<int64_t, int> out;
    db::Query q("SELECT sp.project_id, COUNT(*) FROM supervision_projects sp JOIN supervision_items i ON i.id = sp.item_id");
    q.Where("i.status NOT IN ('done','cancelled')").Where("i.deadline < " + q.Bind(today));
    q.Append(" GROUP BY sp.project_id");
    int64_t project = 0, n = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(project));
      s.exchange(soci::into(n));
    });
    st.execute();
    while (st.fetch()) out[project] = static_cast<int>(n);
    return out;
  });
}

StatusOr<std::vector<OpenItem>> SupervisionStore::OpenItems() {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<OpenItem>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    std::vector<OpenItem> out;
    std::map<int64_t, size_t> index;
    {
      OpenItem o;
      db::Query q("SELECT id, kind, number, title, issued_on, deadline, lead_unit_id, created_by FROM supervision_items");
      q.Where("status NOT IN ('done','cancelled')");
      q.Append(" ORDER BY deadline, id");
      out = q.FetchAll(sql, o, [&](soci::statement& s) {
        s.exchange(soci::into(o.id));
        s.exchange(soci::into(o.kind));
        s.exchange(soci::into(o.number));
        s.exchange(soci::into(o.title));
        s.exchange(soci::into(o.issued_on));
        s.exchange(soci::into(o.deadline));
        s.exchange(soci::into(o.lead_unit_id));
        s.exchange(soci::into(o.created_by));
      });
      for (size_t k = 0; k < out.size(); ++k) index[out[k].id] = k;
    }
    db::Query c("SELECT c.item_id, c.unit_id FROM supervision_co_units c JOIN supervision_items i ON i.id = c.item_id");
    c.Where("i.status NOT IN ('done','cancelled')");
    int64_t item = 0, unit = 0;
    soci::statement st = c.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(item));
      s.exchange(soci::into(unit));
    });
    st.execute();
    while (st.fetch()) {
      if (auto it = index.find(item); it != index.end()) out[it->second].co_unit_ids.push_back(unit);
    }
    return out;
  });
}

StatusOr<std::vector<UnitItemFacts>> SupervisionStore::FactsByLeadUnit(const std::string& kind,
                                                                       std::optional<int64_t> year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<UnitItemFacts>> {
    db::Query q("SELECT i.lead_unit_id, u.name, i.status, i.issued_on, i.deadline, i.closed_on, i.closed_on_time "
                "FROM supervision_items i JOIN units u ON u.id = i.lead_unit_id");
    q.Where("i.kind = " + q.Bind(kind));
    if (year) {
      q.Where("i.issued_on >= " + q.Bind(fmt::format("{}-01-01", *year)))
          .Where("i.issued_on <= " + q.Bind(fmt::format("{}-12-31", *year)));
    }
    q.Append(" ORDER BY u.sort_order, u.id");
    UnitItemFacts f;
    std::optional<int> on_time;
    std::vector<UnitItemFacts> out;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(f.unit_id));
      s.exchange(soci::into(f.unit_name));
      s.exchange(soci::into(f.status));
      s.exchange(soci::into(f.issued_on));
      s.exchange(soci::into(f.deadline));
      s.exchange(soci::into(f.closed_on));
      s.exchange(soci::into(on_time));
    });
    st.execute();
    while (st.fetch()) {
      UnitItemFacts row = f;
      if (on_time) row.closed_on_time = *on_time != 0;
      out.push_back(row);
    }
    return out;
  });
}

}  // namespace tuijin::store
