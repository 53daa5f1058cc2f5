// Projects (项目库): list with filters and search, read, create, edit with history, stage
// events. A unit user sees and edits only projects whose 责任单位 or 建设单位 is its unit
// or a sub-unit, and cannot change level, star, tags or stage.

#include <algorithm>
#include <map>

#include "api/handlers.h"
#include "api/project_fields.h"
#include "api/json.h"
#include "base/date.h"
#include "base/time.h"
#include "domain/project_rules.h"

namespace tuijin::api {
namespace {

using domain::Role;
using store::Project;
using store::ProjectFields;

// Another unit's project answers as one that does not exist (api.cc, kOwnUnit).
Status CheckVisible(const std::optional<std::vector<int64_t>>& scope, const ProjectFields& p) {
  if (!InUnitScope(scope, p)) return Status::NotFound("project.not_found", "项目不存在");
  return Status::Ok();
}

}  // namespace

bool InUnitScope(const std::optional<std::vector<int64_t>>& scope, const store::ProjectFields& p) {
  if (!scope) return true;
  auto has = [&](const std::optional<int64_t>& u) { return u && std::find(scope->begin(), scope->end(), *u) != scope->end(); };
  return has(p.lead_unit_id) || has(p.owner_unit_id);
}

StatusOr<std::optional<std::vector<int64_t>>> UnitScope(Context& ctx) {
  if (ctx.me().role != Role::kUnit) return std::optional<std::vector<int64_t>>();
  if (!ctx.me().user.unit_id) return std::optional<std::vector<int64_t>>(std::vector<int64_t>{});
  ASSIGN_OR_RETURN(auto ids, ctx.svc.units.Subtree(*ctx.me().user.unit_id));
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

// Query parameters → filter. Multi-valued parameters take repeats or commas.
StatusOr<store::ProjectFilter> ReadProjectFilter(Context& ctx) {
  const http::Request& req = ctx.req;
  store::ProjectFilter f;
  ASSIGN_OR_RETURN(f.page, ReadPage(req));
  f.q = std::string(req.Query("q").value_or(""));
  f.sort = std::string(req.Query("sort").value_or(""));
  std::map<std::string, std::string> errors;
  auto ids = [&](const char* name) {
    std::vector<int64_t> out;
    for (const auto& v : req.QueryList(name)) {
      try {
        size_t used = 0;
        const int64_t n = std::stoll(v, &used);
        if (used != v.size() || n <= 0) throw std::invalid_argument(v);
        out.push_back(n);
      } catch (const std::exception&) {
        errors[name] = "应为 ID 列表";
      }
    }
    return out;
  };
  std::vector<int64_t> units = ids("unit_id");
  for (int64_t u : units) {
    // A unit includes its sub-units.
    ASSIGN_OR_RETURN(auto sub, ctx.svc.units.Subtree(u));
    f.unit_ids.insert(f.unit_ids.end(), sub.begin(), sub.end());
  }
  f.category_ids = ids("category_id");
  f.industry_ids = ids("industry_id");
  f.nature_ids = ids("nature_id");
  f.tag_ids = ids("tag_id");
  f.levels = req.QueryList("level");
  for (const auto& l : f.levels) {
    if (!domain::IsLevel(l)) errors["level"] = "未知级别 " + l;
  }
  f.stages = req.QueryList("stage");
  for (const auto& s : f.stages) {
    if (!domain::ParseStage(s)) errors["stage"] = "未知阶段 " + s;
  }
  ASSIGN_OR_RETURN(f.star_min, QueryInt(req, "star_min"));
  ASSIGN_OR_RETURN(f.leader_user_id, QueryInt(req, "leader_user_id"));
  if (req.Query("mine") == "1" || req.Query("mine") == "true") f.leader_user_id = ctx.me().user.id;
  if (auto r = req.Query("registered"); r && !r->empty()) f.registered = *r == "1" || *r == "true";
  ASSIGN_OR_RETURN(f.total_min, QueryInt(req, "total_min"));
  ASSIGN_OR_RETURN(f.total_max, QueryInt(req, "total_max"));
  if (auto v = req.Query("planned_start_from"); v && !v->empty()) f.planned_start_from = std::string(*v);
  if (auto v = req.Query("planned_start_to"); v && !v->empty()) f.planned_start_to = std::string(*v);
  ASSIGN_OR_RETURN(f.parent_id, QueryInt(req, "parent_id"));
  f.all_levels = req.Query("all") == "1" || req.Query("all") == "true" || !f.q.empty();
  if (!errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(f.scope_unit_ids, UnitScope(ctx));
  return f;
}

StatusOr<store::Project> AccessibleProject(Context& ctx, int64_t id) {
  ASSIGN_OR_RETURN(auto project, ctx.svc.projects.Get(id));
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  RETURN_IF_ERROR(CheckVisible(scope, project));
  return project;
}

StatusOr<http::Response> ListProjects(Context& ctx) {
  ASSIGN_OR_RETURN(auto filter, ReadProjectFilter(ctx));
  ASSIGN_OR_RETURN(auto list, ctx.svc.projects.List(filter));
  json::array items;
  for (const auto& p : list.page.items) items.push_back(ProjectJson(p));
  return JsonResponse(json::object{{"items", std::move(items)},
                                   {"total", list.page.total},
                                   {"totals", json::object{{"total_investment", list.total_investment}}}});
}

StatusOr<http::Response> GetProject(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  return JsonResponse(ProjectJson(project));
}

StatusOr<http::Response> CreateProject(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto lk, LoadLookups(ctx));
  ASSIGN_OR_RETURN(ProjectFields fields, ReadFields(ctx, body, lk, nullptr, StoreCodeOwner(ctx)));

  ASSIGN_OR_RETURN(auto steps, OpeningSteps(body));
  ASSIGN_OR_RETURN(auto project, ctx.svc.projects.Create(fields, steps, ctx.me().user.id));
  return JsonResponse(ProjectJson(project), 201);
}

StatusOr<http::Response> UpdateProject(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto current, ctx.svc.projects.Get(id));
  ASSIGN_OR_RETURN(auto scope, UnitScope(ctx));
  RETURN_IF_ERROR(CheckVisible(scope, current));
  ASSIGN_OR_RETURN(auto lk, LoadLookups(ctx));
  ASSIGN_OR_RETURN(ProjectFields fields, ReadFields(ctx, body, lk, &current, StoreCodeOwner(ctx)));
  FieldReader in(body);
  const int64_t version = in.Int("version", 0, 1);
  if (!in.Has("version")) in.Fail("version", "必填(修改前读取到的版本号)");
  if (scope) {
    // A unit reporter keeps the bureau's decisions as they are.
    if (fields.level != current.level) in.Fail("level", "单位用户不能修改项目级别");
    if (fields.star != current.star) in.Fail("star", "单位用户不能修改攻坚星级");
    if (fields.tag_ids != current.tag_ids) in.Fail("tag_ids", "单位用户不能修改项目标签");
    if (!InUnitScope(scope, fields)) in.Fail("lead_unit_id", "修改后责任单位或建设单位须仍为本单位");
    if (!in.ok()) return Status::PermissionDenied("project.forbidden_field", "单位用户不能修改这些字段").WithField(
                                 in.status().fields().begin()->first, in.status().fields().begin()->second);
  }
  RETURN_IF_ERROR(in.status());
  const auto changes = Diff(current, fields, lk);
  ASSIGN_OR_RETURN(auto project, ctx.svc.projects.Update(id, version, fields, changes, ctx.me().user.id));
  return JsonResponse(ProjectJson(project));
}

StatusOr<http::Response> ListProjectEvents(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(auto events, ctx.svc.projects.Events(id));
  json::array items;
  for (const auto& e : events) {
    items.push_back(json::object{{"id", e.id},
                                 {"from_stage", OrNull(e.from_stage)},
                                 {"to_stage", e.to_stage},
                                 {"event_date", e.event_date},
                                 {"reason", OrNull(e.reason)},
                                 {"user_name", OrNull(e.user_name)},
                                 {"created_at", e.created_at}});
  }
  return ListResponse(std::move(items), static_cast<int64_t>(events.size()));
}

StatusOr<http::Response> ChangeProjectStage(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string to_name = in.RequiredString("to_stage", 20);
  const std::string date = in.RequiredString("date", 10);
  const auto reason = in.OptionalString("reason", 500);
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto project, ctx.svc.projects.Get(id));
  auto to = domain::ParseStage(to_name);
  if (!to) return Status::Invalid({{"to_stage", "未知阶段 " + to_name}});
  if (!ParseIsoDate(date)) return Status::Invalid({{"date", "日期格式应为 YYYY-MM-DD"}});
  if (date > Today()) return Status::Invalid({{"date", "日期不能晚于今天"}});
  const auto from = *domain::ParseStage(project.stage);
  std::optional<domain::Stage> resume;
  if (project.resume_stage) resume = domain::ParseStage(*project.resume_stage);
  if (auto msg = domain::CheckTransition(from, *to, resume); !msg.empty()) {
    return Status::Conflict("project.illegal_transition", msg);
  }
  if (domain::StageChangeNeedsReason(from, *to) && !reason) return Status::Invalid({{"reason", "停缓建、取消和恢复须说明原因"}});
  ASSIGN_OR_RETURN(auto events, ctx.svc.projects.Events(id));
  if (!events.empty() && date < events.back().event_date.substr(0, date.size())) {
    return Status::Invalid({{"date", "日期不能早于上一次阶段变更(" + events.back().event_date + ")"}});
  }
  ASSIGN_OR_RETURN(auto updated,
                   ctx.svc.projects.ChangeStage(id, project.version, std::string(domain::StageName(*to)), date, reason.value_or(""),
                                                ctx.me().user.id));
  return JsonResponse(ProjectJson(updated));
}

StatusOr<http::Response> ListProjectChanges(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto project, AccessibleProject(ctx, id));
  ASSIGN_OR_RETURN(auto changes, ctx.svc.projects.Changes(id));
  json::array items;
  for (const auto& c : changes) {
    items.push_back(json::object{{"id", c.id},
                                 {"field", c.field},
                                 {"old_value", OrNull(c.old_value)},
                                 {"new_value", OrNull(c.new_value)},
                                 {"source", c.source},
                                 {"user_name", OrNull(c.user_name)},
                                 {"changed_at", c.changed_at}});
  }
  return ListResponse(std::move(items), static_cast<int64_t>(changes.size()));
}

}  // namespace tuijin::api
