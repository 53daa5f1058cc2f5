// Supervision items (督办事项) and ledger tasks: list in the viewer's scope, create (from a
// report problem, a meeting decision or ad hoc), read with the journal, edit, act on them
// (签收, 进展, 延期, 报办结, 核验, 退回, 催办, 撤销), attachments, and the per-unit figures.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "api/supervision_common.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/file_types.h"

namespace tuijin::api {
namespace {

using domain::ItemAction;
using domain::ItemRole;
using domain::ItemStatus;

constexpr int64_t kMaxAttachmentBytes = 20 * 1024 * 1024;
constexpr size_t kMaxAttachmentsPerItem = 100;

struct SourceInfo {
  std::string_view key, label;
};
constexpr SourceInfo kSources[] = {{"report", "进度填报问题"}, {"meeting", "会议决定"}, {"inspection", "稽察"},
                                   {"instruction", "领导批示"}, {"other", "其他"}};
struct PriorityInfo {
  std::string_view key, label;
};
constexpr PriorityInfo kPriorities[] = {{"normal", "一般"}, {"urgent", "紧急"}, {"critical", "特急"}};

std::string_view SourceLabel(std::string_view key) {
  for (const auto& s : kSources) {
    if (s.key == key) return s.label;
  }
  return key;
}
std::string_view PriorityLabel(std::string_view key) {
  for (const auto& p : kPriorities) {
    if (p.key == key) return p.label;
  }
  return key;
}
bool IsSource(std::string_view key) {
  return std::any_of(std::begin(kSources), std::end(kSources), [&](const SourceInfo& s) { return s.key == key; });
}
bool IsPriority(std::string_view key) {
  return std::any_of(std::begin(kPriorities), std::end(kPriorities), [&](const PriorityInfo& p) { return p.key == key; });
}

json::array UnitsJson(const std::vector<store::UnitRef>& units) {
  json::array out;
  for (const auto& u : units) out.push_back(json::object{{"id", u.id}, {"name", u.name}});
  return out;
}

json::object AttachmentJson(const store::ItemAttachment& a) {
  return json::object{{"id", a.id},          {"file_name", a.file_name}, {"size", a.size},
                      {"mime", a.mime},      {"action_id", OrNull(a.action_id)},
                      {"created_at", a.created_at}};
}

bool Closed(const std::string& status) { return !domain::IsOpen(*domain::ParseStatus(status)); }

}  // namespace

json::object SupervisionSummaryJson(const store::ItemSummary& s, const SupervisionClock& clock) {
  const auto status = *domain::ParseStatus(s.status);
  const int64_t deadline = domain::ParseDay(s.deadline).value_or(clock.today);
  const bool open = domain::IsOpen(status);
  const auto d = domain::DeadlineOn(clock.today, deadline);
  const bool due_soon = open && !d.overdue &&
                        domain::UrgencyOn(clock.calendar, clock.today, deadline, clock.due_soon_days) !=
                            domain::Urgency::kNone;
  json::array projects;
  for (const auto& p : s.projects) {
    projects.push_back(json::object{{"id", p.id}, {"code", OrNull(p.code)}, {"name", p.name}});
  }
  return json::object{{"id", s.id},
                      {"number", OrNull(s.number)},
                      {"kind", s.kind},
                      {"task_ledger_id", OrNull(s.task_ledger_id)},
                      {"task_seq", OrNull(s.task_seq)},
                      {"area", OrNull(s.area)},
                      {"title", s.title},
                      {"category", s.category},
                      {"source", s.source},
                      {"source_label", std::string(SourceLabel(s.source))},
                      {"priority", s.priority},
                      {"priority_label", std::string(PriorityLabel(s.priority))},
                      {"status", s.status},
                      {"status_label", std::string(domain::StatusLabel(status))},
                      {"lead_unit", json::object{{"id", s.lead_unit.id}, {"name", s.lead_unit.name}}},
                      {"co_units", UnitsJson(s.co_units)},
                      {"projects", std::move(projects)},
                      {"issued_on", s.issued_on},
                      {"deadline", s.deadline},
                      {"original_deadline", s.original_deadline},
                      {"overdue", open && d.overdue},
                      {"overdue_days", open ? d.overdue_days : 0},
                      {"days_left", open ? json::value(d.days_left) : json::value(nullptr)},
                      {"due_soon", due_soon},
                      {"extension_pending", s.extension_pending},
                      {"closed_on", OrNull(s.closed_on)},
                      {"closed_on_time", OrNull(s.closed_on_time)},
                      {"updated_at", s.updated_at}};
}

StatusOr<SupervisionClock> LoadSupervisionClock(Context& ctx) {
  SupervisionClock c;
  ASSIGN_OR_RETURN(auto days, ctx.svc.calendar.Days(std::nullopt));
  c.calendar = domain::WorkCalendar(days);
  ASSIGN_OR_RETURN(auto settings, ctx.svc.calendar.Settings());
  c.due_soon_days = static_cast<int>(settings.due_soon_days);
  c.today = *domain::ParseDay(Today());
  return c;
}

std::string JournalLabel(const std::string& action) {
  if (const auto parsed = domain::ParseAction(action)) return std::string(domain::ActionLabel(*parsed));
  if (action == "create") return std::string(domain::kCreateLabel);
  if (action == "edit") return "修改";
  return action;
}

std::string DueSoonUntil(const SupervisionClock& clock) {
  // The day before the (N+1)th working day: any deadline up to it has at most N working days left.
  return domain::FormatDay(clock.calendar.AddWorkingDays(clock.today, clock.due_soon_days + 1) - 1);
}

// The viewer's part in an item; NotFound when a unit user is neither lead nor co-unit.
StatusOr<ItemRole> RoleIn(Context& ctx, const store::ItemSummary& item) {
  const domain::Role role = ctx.me().role;
  if (role == domain::Role::kAdmin || role == domain::Role::kStaff) return ItemRole::kIssuer;
  if (role == domain::Role::kLeader) return ItemRole::kViewer;
  if (role != domain::Role::kUnit) return Status::PermissionDenied("supervision.forbidden", "无权查看督办事项");
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  auto in = [&](int64_t unit) { return scope && std::find(scope->begin(), scope->end(), unit) != scope->end(); };
  if (in(item.lead_unit.id)) return ItemRole::kLead;
  for (const auto& u : item.co_units) {
    if (in(u.id)) return ItemRole::kCo;
  }
  return Status::NotFound("supervision.not_found", "督办事项不存在");
}

StatusOr<store::Item> AccessibleItem(Context& ctx, int64_t id, ItemRole* role) {
  ASSIGN_OR_RETURN(auto item, ctx.svc.supervision.Get(id));
  ASSIGN_OR_RETURN(ItemRole r, RoleIn(ctx, item));
  if (role) *role = r;
  return item;
}

namespace {

StatusOr<http::Response> ItemResponse(Context& ctx, const store::Item& item, ItemRole role, int status = 200) {
  ASSIGN_OR_RETURN(SupervisionClock clock, LoadSupervisionClock(ctx));
  json::object out = SupervisionSummaryJson(item, clock);
  out["description"] = OrNull(item.description);
  out["issuing_office"] = item.issuing_office;
  out["working_days"] = OrNull(item.working_days);
  out["created_by_name"] = OrNull(item.created_by_name);
  out["created_at"] = item.created_at;
  out["signed_on"] = OrNull(item.signed_on);
  out["reported_done_on"] = OrNull(item.reported_done_on);
  out["version"] = item.version;
  out["report"] = nullptr;
  if (item.report_id) {
    auto report = ctx.svc.reports.ById(*item.report_id);
    if (report.ok()) {
      auto project = ctx.svc.projects.Get(report->project_id);
      out["report"] = json::object{{"id", report->id},
                                   {"project_id", report->project_id},
                                   {"project_name", project.ok() ? json::value(project->name) : json::value(nullptr)},
                                   {"period", report->period},
                                   {"problems", OrNull(report->fields.problems)}};
    }
  }
  out["meeting"] = nullptr;
  if (item.meeting_decision_id) {
    auto found = ctx.svc.meetings.GetDecision(*item.meeting_decision_id);
    if (found.ok()) {
      out["meeting"] = json::object{{"id", found->first.id},
                                    {"title", found->first.title},
                                    {"held_on", found->first.held_on},
                                    {"decision_id", found->second.id},
                                    {"decision", found->second.content}};
    }
  }
  out["task_ledger"] = nullptr;
  if (item.task_ledger_id) {
    auto ledger = ctx.svc.task_ledgers.Get(*item.task_ledger_id, Today());
    if (ledger.ok()) out["task_ledger"] = json::object{{"id", ledger->id}, {"name", ledger->name}};
  }
  json::array actions;
  for (const auto& a : item.actions) {
    const std::string label = JournalLabel(a.action);
    json::array files;
    for (const auto& f : a.attachments) files.push_back(AttachmentJson(f));
    actions.push_back(json::object{{"id", a.id},
                                   {"action", a.action},
                                   {"action_label", label},
                                   {"from_status", OrNull(a.from_status)},
                                   {"to_status", a.to_status},
                                   {"note", OrNull(a.note)},
                                   {"deadline_before", OrNull(a.deadline_before)},
                                   {"deadline_after", OrNull(a.deadline_after)},
                                   {"user_name", OrNull(a.user_name)},
                                   {"unit_name", OrNull(a.unit_name)},
                                   {"created_at", a.created_at},
                                   {"attachments", std::move(files)}});
  }
  out["actions"] = std::move(actions);
  json::array extensions;
  for (const auto& x : item.extensions) {
    extensions.push_back(json::object{{"id", x.id},
                                      {"requested_deadline", x.requested_deadline},
                                      {"reason", x.reason},
                                      {"state", x.state},
                                      {"requested_by_name", OrNull(x.requested_by_name)},
                                      {"requested_at", x.requested_at},
                                      {"decided_by_name", OrNull(x.decided_by_name)},
                                      {"decided_at", OrNull(x.decided_at)},
                                      {"decision_note", OrNull(x.decision_note)}});
  }
  out["extensions"] = std::move(extensions);
  json::array files;
  for (const auto& f : item.attachments) files.push_back(AttachmentJson(f));
  out["attachments"] = std::move(files);
  out["my_role"] = std::string(domain::RoleKey(role));
  json::array allowed;
  const domain::ItemState state{*domain::ParseStatus(item.status), item.extension_pending};
  for (ItemAction a : domain::Allowed(role, state)) allowed.push_back(json::string(domain::ActionKey(a)));
  out["allowed_actions"] = std::move(allowed);
  return JsonResponse(out, status);
}

// Units that exist and are enabled; errors name the field.
void CheckUnits(Context& ctx, FieldReader& in, std::string_view field, const std::vector<int64_t>& ids) {
  for (int64_t id : ids) {
    auto u = ctx.svc.units.Get(id);
    if (!u.ok() || !u->enabled) {
      in.Fail(field, fmt::format("单位 {} 不存在或已停用", id));
      return;
    }
  }
}

void CheckProjects(Context& ctx, FieldReader& in, const std::vector<int64_t>& ids) {
  if (ids.size() > 50) {
    in.Fail("project_ids", "关联项目最多 50 个");
    return;
  }
  if (ids.empty()) return;
  auto found = ctx.svc.projects.GetMany(ids);
  if (!found.ok()) {
    in.Fail("project_ids", "项目读取失败");
    return;
  }
  std::set<int64_t> have;
  for (const auto& p : *found) have.insert(p.id);
  for (int64_t id : ids) {
    if (!have.count(id)) {
      in.Fail("project_ids", fmt::format("项目 {} 不存在", id));
      return;
    }
  }
}

StatusOr<std::set<std::string>> CategoryLabels(Context& ctx) {
  ASSIGN_OR_RETURN(auto items, ctx.svc.dictionaries.List("supervision_category", false));
  std::set<std::string> out;
  for (const auto& i : items) {
    if (i.enabled) out.insert(i.label);
  }
  return out;
}

StatusOr<store::ItemFilter> ReadFilter(Context& ctx) {
  store::ItemFilter f;
  f.kind = std::string(ctx.req.Query("kind").value_or("item"));
  if (f.kind != "item" && f.kind != "task") return Status::Invalid({{"kind", "应为 item 或 task"}});
  for (const auto& s : ctx.req.QueryList("status")) {
    if (!domain::ParseStatus(s)) return Status::Invalid({{"status", "未知状态 " + std::string(s)}});
    f.statuses.push_back(std::string(s));
  }
  ASSIGN_OR_RETURN(f.scope, UnitScope(ctx));
  ASSIGN_OR_RETURN(auto unit_id, QueryInt(ctx.req, "unit_id"));
  if (unit_id) {
    ASSIGN_OR_RETURN(auto subtree, ctx.svc.units.Subtree(*unit_id));
    f.units = std::move(subtree);
  }
  const domain::Role role = ctx.me().role;
  if (ctx.req.Query("mine") == "1" && (role == domain::Role::kAdmin || role == domain::Role::kStaff)) {
    f.issuer = ctx.me().user.id;
  }
  if (ctx.req.Query("overdue") == "1") f.overdue_on = Today();
  if (ctx.req.Query("due_soon") == "1") {
    ASSIGN_OR_RETURN(SupervisionClock clock, LoadSupervisionClock(ctx));
    f.due_within = std::make_pair(Today(), DueSoonUntil(clock));
  }
  if (auto c = ctx.req.Query("category"); c && !c->empty()) f.category = std::string(*c);
  if (auto s = ctx.req.Query("source"); s && !s->empty()) {
    if (!IsSource(*s)) return Status::Invalid({{"source", "未知来源 " + std::string(*s)}});
    f.source = std::string(*s);
  }
  ASSIGN_OR_RETURN(f.project_id, QueryInt(ctx.req, "project_id"));
  ASSIGN_OR_RETURN(f.task_ledger_id, QueryInt(ctx.req, "task_ledger_id"));
  ASSIGN_OR_RETURN(f.year, QueryInt(ctx.req, "year"));
  f.q = std::string(TrimSpace(ctx.req.Query("q").value_or("")));
  if (f.q.size() > 200) return Status::Invalid({{"q", "关键字过长"}});
  const std::string sort(ctx.req.Query("sort").value_or("deadline"));
  if (sort == "deadline") f.sort = store::ItemSort::kDeadline;
  else if (sort == "-deadline") f.sort = store::ItemSort::kDeadlineDesc;
  else if (sort == "number") f.sort = store::ItemSort::kNumber;
  else if (sort == "-number") f.sort = store::ItemSort::kNumberDesc;
  else if (sort == "-created_at") f.sort = store::ItemSort::kNewest;
  else return Status::Invalid({{"sort", "应为 deadline、-deadline、number、-number 或 -created_at"}});
  return f;
}

}  // namespace

StatusOr<store::ItemFilter> ReadSupervisionFilter(Context& ctx) { return ReadFilter(ctx); }

StatusOr<http::Response> ListSupervisionItems(Context& ctx) {
  ASSIGN_OR_RETURN(store::ItemFilter f, ReadFilter(ctx));
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 20));
  ASSIGN_OR_RETURN(auto result, ctx.svc.supervision.List(f, page));
  ASSIGN_OR_RETURN(SupervisionClock clock, LoadSupervisionClock(ctx));
  // Counters over the same scope and filters, but every status.
  store::ItemFilter all = f;
  all.statuses.clear();
  all.overdue_on.reset();
  all.due_within.reset();
  ASSIGN_OR_RETURN(auto counts, ctx.svc.supervision.Counts(all, Today(), DueSoonUntil(clock)));
  json::array items;
  for (const auto& s : result.items) items.push_back(SupervisionSummaryJson(s, clock));
  json::object summary;
  for (std::string_view key :
       {"pending_receipt", "in_progress", "awaiting_verification", "returned", "done", "cancelled"}) {
    auto it = counts.by_status.find(std::string(key));
    summary[key] = it == counts.by_status.end() ? 0 : it->second;
  }
  summary["overdue"] = counts.overdue;
  summary["due_soon"] = counts.due_soon;
  return JsonResponse(json::object{{"items", std::move(items)}, {"total", result.total}, {"summary", summary}});
}

StatusOr<http::Response> CreateSupervisionItem(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  store::NewItem n;
  n.title = in.RequiredString("title", 200);
  n.description = in.OptionalString("description", 4000);
  n.category = in.RequiredString("category", 40);
  n.source = in.OptionalString("source", 20).value_or("other");
  n.issuing_office = in.OptionalString("issuing_office", 60).value_or("区发展和改革局");
  n.lead_unit_id = in.OptionalInt("lead_unit_id", 1).value_or(0);
  if (!in.Has("lead_unit_id")) in.Fail("lead_unit_id", "请选择牵头单位");
  n.co_unit_ids = in.IdArray("co_unit_ids");
  n.project_ids = in.IdArray("project_ids");
  n.priority = in.OptionalString("priority", 20).value_or("normal");
  n.report_id = in.OptionalInt("report_id", 1);
  n.meeting_decision_id = in.OptionalInt("meeting_decision_id", 1);
  const std::string today = Today();
  n.issued_on = in.OptionalString("issued_on", 10).value_or(today);
  const auto deadline = in.OptionalString("deadline", 10);
  n.working_days = in.OptionalInt("working_days", 1, 365);
  // Every field is checked before answering, so that the form shows all its errors at once.
  ASSIGN_OR_RETURN(auto categories, CategoryLabels(ctx));
  if (!n.category.empty() && !categories.count(n.category)) {
    in.Fail("category", "督办类别应为字典中的一项:" + n.category);
  }
  if (!IsSource(n.source)) in.Fail("source", "事项来源应为 report、meeting、inspection、instruction 或 other");
  if (!IsPriority(n.priority)) in.Fail("priority", "紧急程度应为 normal、urgent 或 critical");
  const auto issued = domain::ParseDay(n.issued_on);
  if (!issued) in.Fail("issued_on", "下发日期应为 YYYY-MM-DD");
  else if (n.issued_on > today) in.Fail("issued_on", "下发日期不能晚于今天");
  if (deadline && n.working_days) in.Fail("deadline", "办理时限请填日期或工作日天数之一");
  if (!deadline && !n.working_days) in.Fail("deadline", "请填写办理时限(日期或工作日天数)");
  ASSIGN_OR_RETURN(SupervisionClock clock, LoadSupervisionClock(ctx));
  if (deadline) {
    const auto d = domain::ParseDay(*deadline);
    if (!d) in.Fail("deadline", "办理时限应为 YYYY-MM-DD");
    else if (issued && *d < *issued) in.Fail("deadline", "办理时限不能早于下发日期");
    else n.deadline = *deadline;
  } else if (n.working_days && issued) {
    n.deadline = domain::FormatDay(clock.calendar.AddWorkingDays(*issued, static_cast<int>(*n.working_days)));
  }
  if (n.lead_unit_id) CheckUnits(ctx, in, "lead_unit_id", {n.lead_unit_id});
  if (std::find(n.co_unit_ids.begin(), n.co_unit_ids.end(), n.lead_unit_id) != n.co_unit_ids.end()) {
    in.Fail("co_unit_ids", "配合单位不能包含牵头单位");
  }
  if (n.co_unit_ids.size() > 30) in.Fail("co_unit_ids", "配合单位最多 30 个");
  CheckUnits(ctx, in, "co_unit_ids", n.co_unit_ids);
  if (n.report_id) {
    if (n.source != "report") in.Fail("source", "由填报问题转办的事项,来源应为 report(进度填报问题)");
    auto report = ctx.svc.reports.ById(*n.report_id);
    if (!report.ok()) {
      in.Fail("report_id", "填报不存在");
    } else if (std::find(n.project_ids.begin(), n.project_ids.end(), report->project_id) == n.project_ids.end()) {
      n.project_ids.push_back(report->project_id);
    }
  } else if (n.source == "report") {
    in.Fail("report_id", "来源为进度填报问题时,请指明是哪一期填报");
  }
  if (n.meeting_decision_id) {
    if (n.source != "meeting") in.Fail("source", "由会议议定事项转办的事项,来源应为 meeting(会议决定)");
    if (!ctx.svc.meetings.GetDecision(*n.meeting_decision_id).ok()) in.Fail("meeting_decision_id", "议定事项不存在");
  }
  CheckProjects(ctx, in, n.project_ids);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto item, ctx.svc.supervision.Create(n, ctx.me().user.id));
  return ItemResponse(ctx, item, ItemRole::kIssuer, 201);
}

StatusOr<http::Response> GetSupervisionItem(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ItemRole role = ItemRole::kViewer;
  ASSIGN_OR_RETURN(auto item, AccessibleItem(ctx, id, &role));
  return ItemResponse(ctx, item, role);
}

StatusOr<http::Response> UpdateSupervisionItem(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto current, ctx.svc.supervision.Get(id));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  store::ItemEdit e;
  e.title = in.Has("title") ? in.RequiredString("title", 200) : current.title;
  e.description = in.Has("description") ? in.OptionalString("description", 4000) : current.description;
  e.category = in.Has("category") ? in.RequiredString("category", 40) : current.category;
  e.priority = in.Has("priority") ? in.RequiredString("priority", 20) : current.priority;
  if (in.Has("co_unit_ids")) {
    e.co_unit_ids = in.IdArray("co_unit_ids");
  } else {
    for (const auto& u : current.co_units) e.co_unit_ids.push_back(u.id);
  }
  if (in.Has("project_ids")) {
    e.project_ids = in.IdArray("project_ids");
  } else {
    for (const auto& p : current.projects) e.project_ids.push_back(p.id);
  }
  e.version = in.OptionalInt("version", 1);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto categories, CategoryLabels(ctx));
  if (!categories.count(e.category) && e.category != current.category) {
    in.Fail("category", "督办类别应为字典中的一项:" + e.category);
  }
  if (!IsPriority(e.priority)) in.Fail("priority", "紧急程度应为 normal、urgent 或 critical");
  if (std::find(e.co_unit_ids.begin(), e.co_unit_ids.end(), current.lead_unit.id) != e.co_unit_ids.end()) {
    in.Fail("co_unit_ids", "配合单位不能包含牵头单位");
  }
  CheckUnits(ctx, in, "co_unit_ids", e.co_unit_ids);
  CheckProjects(ctx, in, e.project_ids);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto item, ctx.svc.supervision.Update(id, e, ctx.me().user.id));
  return ItemResponse(ctx, item, ItemRole::kIssuer);
}

StatusOr<http::Response> ActOnSupervisionItem(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ItemRole role = ItemRole::kViewer;
  ASSIGN_OR_RETURN(auto item, AccessibleItem(ctx, id, &role));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string action_key = in.RequiredString("action", 40);
  RETURN_IF_ERROR(in.status());
  const auto action = domain::ParseAction(action_key);
  if (!action) return Status::Invalid({{"action", "未知的办理动作 " + action_key}});
  store::ActionRequest req;
  req.action = *action;
  req.role = role;
  req.note = domain::NeedsNote(*action) ? in.RequiredString("note", 2000) : in.OptionalString("note", 2000).value_or("");
  req.attachment_ids = in.IdArray("attachment_ids");
  req.version = in.OptionalInt("version", 1);
  if (*action == ItemAction::kRequestExtension) {
    const std::string wanted = in.RequiredString("requested_deadline", 10);
    if (!wanted.empty() && !domain::ParseDay(wanted)) in.Fail("requested_deadline", "应为 YYYY-MM-DD 日期");
    req.requested_deadline = wanted;
  }
  if (!req.attachment_ids.empty() && *action != ItemAction::kUpdate && *action != ItemAction::kReportDone) {
    in.Fail("attachment_ids", "只有报送进展和报办结可以附带附件");
  }
  RETURN_IF_ERROR(in.status());
  const domain::ItemState state{*domain::ParseStatus(item.status), item.extension_pending};
  switch (domain::Check(*action, role, state)) {
    case domain::Refusal::kWrongActor:
      return Status::PermissionDenied("supervision.forbidden",
                                      fmt::format("您无权对该事项{}", domain::ActionLabel(*action)));
    case domain::Refusal::kWrongState:
      return Status::Conflict("supervision.transition", fmt::format("督办事项{}时不能{}",
                                                                    domain::StatusLabel(state.status),
                                                                    domain::ActionLabel(*action)));
    case domain::Refusal::kNone:
      break;
  }
  req.user_id = ctx.me().user.id;
  req.unit_id = ctx.me().user.unit_id;
  req.today = Today();
  ASSIGN_OR_RETURN(auto updated, ctx.svc.supervision.Act(id, req));
  return ItemResponse(ctx, updated, role);
}

StatusOr<http::Response> UploadSupervisionAttachment(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ItemRole role = ItemRole::kViewer;
  ASSIGN_OR_RETURN(auto item, AccessibleItem(ctx, id, &role));
  if (role == ItemRole::kViewer) return Status::PermissionDenied("supervision.forbidden", "无权上传附件");
  if (Closed(item.status)) return Status::Conflict("supervision.closed", "已办结或已撤销的事项不能再上传附件");
  const std::string name = CleanFileName(ctx.req.Query("filename").value_or(""));
  if (name.empty()) return Status::Invalid({{"filename", "缺少文件名"}});
  if (ctx.req.body.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (static_cast<int64_t>(ctx.req.body.size()) > kMaxAttachmentBytes) {
    return Status::TooLarge("attachment.too_large", "附件不能超过 20 MB");
  }
  if (item.attachments.size() >= kMaxAttachmentsPerItem) {
    return Status::Conflict("attachment.too_many", fmt::format("每个事项最多 {} 个附件", kMaxAttachmentsPerItem));
  }
  auto type = domain::DetectAttachmentType(name, std::string_view(ctx.req.body).substr(0, 16));
  if (!type) {
    return Status::Unsupported("attachment.unsupported_type",
                               "只接受 PDF、JPG/PNG 图片和 Office/WPS 文档,且文件内容须与扩展名一致");
  }
  store::ItemAttachment a;
  a.item_id = id;
  ASSIGN_OR_RETURN(a.sha256, ctx.svc.blobs.Put(ctx.req.body));
  a.file_name = name;
  a.mime = type->content_type;
  a.size = static_cast<int64_t>(ctx.req.body.size());
  a.created_by = ctx.me().user.id;
  ASSIGN_OR_RETURN(auto added, ctx.svc.supervision.AddAttachment(a));
  return JsonResponse(AttachmentJson(added), 201);
}

StatusOr<http::Response> DownloadSupervisionAttachment(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto a, ctx.svc.supervision.Attachment(id));
  ASSIGN_OR_RETURN(auto item, AccessibleItem(ctx, a.item_id, nullptr));
  (void)item;
  ASSIGN_OR_RETURN(std::string bytes, ctx.svc.blobs.Read(a.sha256));
  return http::Response::Download(std::move(bytes), a.mime, a.file_name);
}

// ?year= (default this year), kind=item|task. Per lead unit; a unit user sees its own rows.
StatusOr<http::Response> SupervisionStats(Context& ctx) {
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  const std::string kind(ctx.req.Query("kind").value_or("item"));
  if (kind != "item" && kind != "task") return Status::Invalid({{"kind", "应为 item 或 task"}});
  if (!year) year = ToChinaTime(NowUnix()).year;
  ASSIGN_OR_RETURN(auto facts, ctx.svc.supervision.FactsByLeadUnit(kind, year));
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  const int64_t today = *domain::ParseDay(Today());
  std::vector<std::pair<store::UnitRef, domain::UnitFigures>> rows;
  std::map<int64_t, size_t> index;
  for (const auto& f : facts) {
    if (scope && std::find(scope->begin(), scope->end(), f.unit_id) == scope->end()) continue;
    auto [it, added] = index.emplace(f.unit_id, rows.size());
    if (added) rows.push_back({store::UnitRef{f.unit_id, f.unit_name}, {}});
    domain::ItemFacts item;
    item.status = *domain::ParseStatus(f.status);
    item.issued_on = domain::ParseDay(f.issued_on).value_or(today);
    item.deadline = domain::ParseDay(f.deadline).value_or(today);
    if (f.closed_on) item.closed_on = domain::ParseDay(*f.closed_on);
    item.closed_on_time = f.closed_on_time;
    domain::Count(rows[it->second].second, item, today);
  }
  json::array items;
  for (const auto& [unit, fig] : rows) {
    auto tenths = [](std::optional<int64_t> v) -> json::value {
      if (!v) return nullptr;
      return json::value(static_cast<double>(*v) / 10.0);
    };
    items.push_back(json::object{{"unit_id", unit.id},
                                 {"unit_name", unit.name},
                                 {"issued", fig.issued},
                                 {"done", fig.done},
                                 {"done_on_time", fig.done_on_time},
                                 {"overdue", fig.overdue},
                                 {"open", fig.open},
                                 {"on_time_rate", tenths(fig.on_time_permille())},
                                 {"avg_days_to_close", tenths(fig.avg_days_tenths())}});
  }
  return JsonResponse(json::object{{"year", *year}, {"kind", kind}, {"items", std::move(items)}});
}

}  // namespace tuijin::api
